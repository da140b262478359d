package io.strato.launcher;


import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The {@code strato} command: {@code up} starts the all-in-one cloud; {@code rotate-keys} rotates Fernet keys. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        Logging.configure();
        if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help") || args[0].equals("help")) {
            System.out.println(usage());
            return;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        switch (args[0]) {
            case "up" -> {
                LaunchOptions options = LaunchOptions.parse(rest);
                Cloud cloud;
                try {
                    cloud = Cloud.start(options);
                } catch (java.net.BindException e) {
                    System.err.println("strato: failed to start: " + e.getMessage());
                    System.exit(1);
                    return;
                } catch (Exception e) {
                    System.getLogger("strato.launcher").log(System.Logger.Level.ERROR, "start failed", e);
                    System.err.println("strato: failed to start: " + e.getMessage());
                    System.exit(1);
                    return;
                }
                Runtime.getRuntime().addShutdownHook(new Thread(cloud::close, "strato-shutdown"));
                cloud.awaitShutdown();
            }
            case "rotate-keys" -> {
                LaunchOptions options = LaunchOptions.parse(rest);
                Cloud.rotateKeys(options);
                System.out.println("strato: rotated the Fernet keys in " + options.dataDir().resolve("fernet-keys"));
            }
            default -> {
                System.err.println("strato: unknown command '" + args[0] + "'\n" + usage());
                System.exit(2);
            }
        }
    }

    static String usage() {
        return """
                usage: strato up [--data-dir DIR] [--host ADDR] [--port-offset N]
                       strato rotate-keys [--data-dir DIR]

                  up           start the all-in-one cloud in the foreground (Ctrl-C stops it)
                  rotate-keys  rotate the identity service's Fernet keys (a running cloud picks them up)

                  --data-dir DIR     where all state lives (default ~/.strato)
                  --host ADDR        address every service binds and advertises (default 127.0.0.1)
                  --port-offset N    add N to every service's standard port (default 0)
                """;
    }

    static Path defaultDataDir() {
        return Path.of(System.getProperty("user.home"), ".strato");
    }

}
