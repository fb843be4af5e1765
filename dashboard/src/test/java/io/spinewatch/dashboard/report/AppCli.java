package io.spinewatch.dashboard.report;

import io.spinewatch.dashboard.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the application jar's command line ({@link Main#commandLine()}) in-process and keeps what it printed. */
final class AppCli {
    record Run(int exit, String out, String err) {
    }

    private AppCli() {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }
}
