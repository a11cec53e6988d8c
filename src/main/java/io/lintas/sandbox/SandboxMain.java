package io.lintas.sandbox;

import java.util.concurrent.CountDownLatch;

/**
 * The sandbox as its own process, e.g. for a benchmark:
 * {@code java -cp target/lintas-0.1.0-SNAPSHOT.jar -Dloader.main=io.lintas.sandbox.SandboxMain
 * org.springframework.boot.loader.launch.PropertiesLauncher --port 18090 --rate 2 --burst 50}.
 * Prints {@code SANDBOX READY <bitrix24 webhook url> <jira url>} on stdout once it listens; stops on SIGTERM.
 */
public final class SandboxMain {

    private SandboxMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = 0;
        double rate = 2;
        int burst = 50;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (arg) {
                case "--port" -> port = Integer.parseInt(require(arg, value));
                case "--rate" -> rate = Double.parseDouble(require(arg, value));
                case "--burst" -> burst = Integer.parseInt(require(arg, value));
                case "--help", "-h" -> {
                    System.out.println("SandboxMain [--port N (0 = free)] [--rate requests/s (2)] [--burst N (50)]");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown argument " + arg + " (try --help)");
            }
            i++;
        }
        SandboxServer sandbox = SandboxServer.start(port, rate, burst);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sandbox.close();
            stopped.countDown();
        }));
        System.out.println("SANDBOX READY " + sandbox.bitrix24Url() + " " + sandbox.jiraUrl());
        System.out.flush();
        stopped.await();
    }

    private static String require(String arg, String value) {
        if (value == null) {
            throw new IllegalArgumentException(arg + " needs a value");
        }
        return value;
    }
}
