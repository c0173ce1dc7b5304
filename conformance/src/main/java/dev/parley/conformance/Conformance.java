package dev.parley.conformance;

import dev.parley.protocol.error.ProtocolException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * Runs the checks of a role and level against a live agent and reports every result. The kit
 * creates its own twin identities; nothing it needs is configured on the target beyond, for
 * the checks that need known state, the optional test mode (spec §8.6).
 */
public final class Conformance {

    /** The role of the agent under test. */
    public enum Role {
        BRAND;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Role parse(String text) {
            if ("brand".equalsIgnoreCase(text)) {
                return BRAND;
            }
            throw new IllegalArgumentException("role must be brand (the kit checks brand agents), not \"" + text + "\"");
        }
    }

    private Conformance() {}

    /** The checks of {@code role}, in the order they run. */
    public static List<Check> checks(Role role) {
        return BrandChecks.all();
    }

    /** Runs the checks of {@code role} included in {@code level}; {@code progress} sees each result as it comes. */
    public static Report run(URI target, Role role, Level level, Clock clock, RandomGenerator random, Consumer<Result> progress) {
        Instant started = clock.instant();
        long t0 = System.nanoTime();
        Target t = new Target(target, clock, random);
        List<Result> results = new ArrayList<>();
        for (Check check : checks(role)) {
            if (!level.includes(check)) {
                continue;
            }
            Result result = run(check, t);
            results.add(result);
            progress.accept(result);
        }
        return new Report(target.toString(), role, level, started, Duration.ofNanos(System.nanoTime() - t0), results);
    }

    private static Result run(Check check, Target t) {
        try {
            if (check.tier().kind() == Tier.Kind.CAPABILITY && !t.declares(check.tier().capability())) {
                return result(check, Status.SKIPPED, "the descriptor does not declare " + check.tier().capability());
            }
            return result(check, Status.PASS, check.probe().run(t));
        } catch (Check.Failure e) {
            return result(check, Status.FAIL, e.getMessage());
        } catch (Check.Skip e) {
            return result(check, Status.SKIPPED, e.getMessage());
        } catch (HttpTimeoutException e) {
            return result(check, Status.FAIL, "the target did not answer in time: " + e.getMessage());
        } catch (IOException e) {
            return result(check, Status.FAIL, "cannot talk to the target: " + e);
        } catch (ProtocolException e) {
            return result(check, Status.FAIL, "an answer does not fit its message type: " + e.code().wire() + ": " + e.detail());
        } catch (Exception e) {
            return result(check, Status.FAIL, "the check could not complete: " + e);
        }
    }

    private static Result result(Check check, Status status, String detail) {
        return new Result(check.id(), check.tier(), check.section(), check.description(), status, detail);
    }
}
