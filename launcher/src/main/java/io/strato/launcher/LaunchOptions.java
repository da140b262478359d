package io.strato.launcher;

import java.nio.file.Path;
import java.util.List;

/** Command-line options of {@code strato up}. */
record LaunchOptions(Path dataDir, String host, int portOffset) {
    static LaunchOptions parse(List<String> args) {
        Path dataDir = Main.defaultDataDir();
        String host = "127.0.0.1";
        int offset = 0;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String value = i + 1 < args.size() ? args.get(i + 1) : null;
            switch (arg) {
                case "--data-dir" -> dataDir = Path.of(require(arg, value));
                case "--host" -> host = require(arg, value);
                case "--port-offset" -> {
                    try {
                        offset = Integer.parseInt(require(arg, value));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--port-offset takes a whole number, not " + value);
                    }
                    if (offset < 0 || offset > 60000) {
                        throw new IllegalArgumentException("--port-offset must be between 0 and 60000");
                    }
                }
                default -> throw new IllegalArgumentException("unknown option " + arg + "\n" + Main.usage());
            }
            i++;
        }
        return new LaunchOptions(dataDir.toAbsolutePath(), host, offset);
    }

    private static String require(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }
}
