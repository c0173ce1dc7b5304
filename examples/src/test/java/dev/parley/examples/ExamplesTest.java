package dev.parley.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Every example runs as documented (from the repository's root) and does what it says. */
class ExamplesTest {

    @FunctionalInterface
    interface Main {
        void run() throws Exception;
    }

    private static String output(Main main) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            main.run();
        } finally {
            System.setOut(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        original.print(out);
        return out;
    }

    @Test
    void runBrandNode_startsTheExampleBrand_andItsDescriptorVerifies() throws Exception {
        String out = output(() -> RunBrandNode.main(new String[0]));
        assertTrue(out.contains("brand \"Hearth & Home\"") && out.contains("negotiation") && out.contains("40 products"), out);
    }

    @Test
    void embedTwin_runsADailyMe_andOrdersTheApprovedItem() throws Exception {
        String out = output(() -> EmbedTwin.main(new String[0]));
        assertTrue(out.contains("Daily Me with ") && out.contains("you asked for"), out);
        assertTrue(out.contains(": ORDERED (order o-"), out);
        assertTrue(!out.toLowerCase().contains("christmas"), "the person said no christmas: " + out);
    }

    @Test
    void runConformanceKit_findsTheExampleBrandConformant() throws Exception {
        String out = output(() -> RunConformanceKit.main(new String[0]));
        assertTrue(out.contains("CONFORMANT: ") && !out.contains("NOT CONFORMANT") && out.contains(" 0 failed"), out);
    }

    @Test
    void verifyForeignMessage_acceptsTheOpensslSignedIntent_onceOnly() throws Exception {
        String out = output(() -> VerifyForeignMessage.main(new String[0]));
        assertTrue(out.contains("verified intent openssl-example-0001 from did:key:z6Mk"), out);
        assertTrue(out.contains("wants: 2 × \"tea towel\""), out);
        assertTrue(out.contains("refused: replayed"), "the same message twice is a replay: " + out);
    }
}
