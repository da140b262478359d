package io.strato.launcher;

import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/** One log line per event on standard error: time, level, logger, message. */
final class Logging {
    private Logging() {
    }

    static void configure() {
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT.%1$tLZ %4$s %3$s %5$s%6$s%n");
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        ConsoleHandler handler = new ConsoleHandler();
        handler.setFormatter(new SimpleFormatter());
        handler.setLevel(Level.ALL);
        root.addHandler(handler);
        root.setLevel(Level.INFO);
        Logger.getLogger("com.zaxxer.hikari").setLevel(Level.WARNING);
        String access = System.getenv("STRATO_ACCESS_LOG");
        if ("off".equalsIgnoreCase(access)) {
            Logger.getLogger("strato.access").setLevel(Level.OFF);
        }
    }
}
