package dev.jgrad.cli;

import dev.jgrad.backend.Backend;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import dev.jgrad.io.Json;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code jgrad info}: the JDK, the kernel backend (vector or scalar, lane widths) and the thread count. */
@Command(name = "info", mixinStandardHelpOptions = true, description = "Show the JDK, kernel backend and threads.")
final class InfoCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Override
    public Integer call() {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("jgrad", Main.VERSION);
        info.put("jdk", System.getProperty("java.vm.name") + " " + Runtime.version());
        info.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        info.put("cpus", Runtime.getRuntime().availableProcessors());
        info.put("backend", Backend.kernels().name());
        info.put("vector_module", Backend.vectorModulePresent());
        info.put("threads", Backend.threads());
        info.put("max_heap_mib", Runtime.getRuntime().maxMemory() >> 20);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(info));
        } else {
            info.forEach((k, v) -> out.printf("%-14s %s%n", k, v));
            if (!Backend.vectorModulePresent()) {
                out.println("(start the JVM with --add-modules jdk.incubator.vector for SIMD kernels)");
            }
        }
        out.flush();
        return 0;
    }
}
