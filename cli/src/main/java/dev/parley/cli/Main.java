package dev.parley.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code parley} command. Every subcommand reads from the given input and writes to the given
 * streams, so tests run it in-process; {@link #main} binds it to the process.
 */
@Command(name = "parley", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT, versionProvider = Main.Version.class,
        description = "Parley: campaignless commerce between software agents.",
        subcommands = {
                KeygenCommand.class, JwksCommand.class, DidCommand.class, SignCommand.class,
                VerifyCommand.class, ValidateCommand.class, BrandCommand.class, DemoCommand.class, TwinEvalCommand.class, ConformanceCommand.class,
                MirrorCommand.class, TournamentCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    /** Exit code of a command whose input was processed but not all of it was acceptable. */
    public static final int EXIT_REJECTED = 1;
    /** Exit code of a usage error (unknown option, unreadable file). */
    public static final int EXIT_USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Io io;

    Main(Io io) {
        this.io = io;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    /** The streams and clock a run of the command uses. */
    record Io(InputStream in, PrintStream out, PrintStream err, Clock clock) {}

    /** Runs the command line and returns its exit code. */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err, Clock clock) {
        Io io = new Io(in, out, err, clock);
        CommandLine cli = new CommandLine(new Main(io), new Factory(io));
        cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof UsageError) {
                commandLine.getErr().println("parley: " + e.getMessage());
                return EXIT_USAGE;
            }
            commandLine.getErr().println("parley: unexpected failure: " + e);
            return 3;
        });
        return cli.execute(args);
    }

    public static void main(String[] args) {
        int code = run(args, System.in, new PrintStream(System.out, true, StandardCharsets.UTF_8),
                new PrintStream(System.err, true, StandardCharsets.UTF_8), Clock.systemUTC());
        System.exit(code);
    }

    /** Creates subcommands with the run's streams. */
    private record Factory(Io io) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            try {
                return cls.getDeclaredConstructor(Io.class).newInstance(io);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(cls);
            }
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"parley " + (v == null ? "development build" : v) + ", protocol " + dev.parley.protocol.Protocol.VERSION};
        }
    }
}
