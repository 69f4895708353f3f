package dev.ecsguard.cli;

import org.apache.commons.cli.Option;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** The {@code --help} pages: usage line, description, options, commands and exit codes, wrapped to 80 columns. */
final class HelpText {
    static final int WIDTH = 80;

    private HelpText() {}

    /** {@code ecs-guard --help}. */
    static void main(String summary, List<Subcommand> commands, List<String> exitCodes, PrintWriter out) {
        out.println("Usage: ecs-guard [-hV] [COMMAND]");
        paragraph(summary, "", out);
        out.println();
        out.println("Options:");
        table(List.of(new String[] {"-h, --help", "Show this help message and exit."},
                new String[] {"-V, --version", "Print version information and exit."}), out);
        out.println();
        out.println("Commands:");
        List<String[]> rows = new ArrayList<>();
        for (Subcommand c : commands) rows.add(new String[] {c.name(), c.summary()});
        table(rows, out);
        exitCodes(exitCodes, out);
        out.flush();
    }

    /** {@code ecs-guard COMMAND --help}. */
    static void command(Subcommand c, PrintWriter out) {
        out.println("Usage: ecs-guard " + c.name() + " [OPTIONS]" + positionalUsage(c));
        paragraph(c.summary(), "", out);
        for (String d : c.details()) paragraph(d, "", out);
        out.println();
        out.println("Options:");
        List<String[]> rows = new ArrayList<>();
        for (Option o : c.options()) rows.add(new String[] {names(o), o.getDescription()});
        rows.add(new String[] {names(Subcommand.HELP), Subcommand.HELP.getDescription()});
        table(rows, out);
        exitCodes(c.exitCodes(), out);
        out.flush();
    }

    static String positionalUsage(Subcommand c) {
        if (c.maxPositional() == 0) return "";
        String p = c.positional() + (c.maxPositional() > 1 ? "..." : "");
        return " " + (c.minPositional() == 0 ? "[" + p + "]" : p);
    }

    /** {@code -i, --input=FILE} or {@code     --v0}. */
    static String names(Option o) {
        String s = o.getOpt() != null && o.getOpt().length() == 1 ? "-" + o.getOpt() + (o.getLongOpt() != null ? ", " : "") : "    ";
        if (o.getLongOpt() != null) s += "--" + o.getLongOpt();
        if (o.hasArg()) s += (o.getLongOpt() != null ? "=" : " ") + (o.getArgName() == null ? "VALUE" : o.getArgName());
        return s;
    }

    private static void exitCodes(List<String> codes, PrintWriter out) {
        out.println();
        out.println("Exit codes:");
        List<String[]> rows = new ArrayList<>();
        for (String c : codes) {
            int colon = c.indexOf(':');
            rows.add(new String[] {c.substring(0, colon), c.substring(colon + 1)});
        }
        table(rows, out);
    }

    /** Two columns: the first padded to the widest entry, the second wrapped beside it. */
    private static void table(List<String[]> rows, PrintWriter out) {
        int w = 0;
        for (String[] r : rows) w = Math.max(w, r[0].length());
        String indent = " ".repeat(2 + w + 3);
        for (String[] r : rows) {
            List<String> lines = wrap(r[1], WIDTH - indent.length());
            out.println("  " + r[0] + " ".repeat(w - r[0].length() + 3) + (lines.isEmpty() ? "" : lines.get(0)));
            for (int i = 1; i < lines.size(); i++) out.println(indent + lines.get(i));
        }
    }

    private static void paragraph(String text, String indent, PrintWriter out) {
        for (String l : wrap(text, WIDTH - indent.length())) out.println(indent + l);
    }

    /** Greedy word wrap; a word longer than the width gets a line of its own. */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.strip().split("\\s+")) {
            if (word.isEmpty()) continue;
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) line.append(' ');
            line.append(word);
        }
        if (line.length() > 0) lines.add(line.toString());
        return lines;
    }
}
