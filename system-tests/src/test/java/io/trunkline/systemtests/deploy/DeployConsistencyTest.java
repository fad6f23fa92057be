package io.trunkline.systemtests.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import io.trunkline.events.Topics;

/**
 * docker-compose.yml and deploy/k8s/base agree with the services: every Quarkus module of the reactor is deployed in
 * both, on the port its application.properties gives, with health probes on the right paths, with every environment
 * variable its properties need and none they don't read; and both create every topic of {@link Topics#ALL} and its
 * dead-letter topic, {@code billing.balances} compacted. The service list comes from the root pom, so a new service
 * fails here until it is deployed.
 *
 * <p>"Needs" means: referenced as {@code ${NAME}} without a default, or with a default naming this machine
 * (localhost / 127.0.0.1), which is wrong in a container. "Reads" means: referenced as {@code ${NAME...}}, or the
 * environment form of a key in the file (MicroProfile Config maps {@code A_B_C} to {@code a.b-c}), or a variable of
 * the image's launcher (JAVA_OPTS & co.), or {@code QUARKUS_*}.
 */
class DeployConsistencyTest {
    private static final String READY = "/q/health/ready";
    private static final String LIVE = "/q/health/live";

    /** Read by the container image's launcher (run-java.sh), not by the application's properties. */
    private static final Set<String> LAUNCHER_ENV = Set.of("JAVA_OPTS", "JAVA_OPTS_APPEND", "JAVA_MAX_MEM_RATIO",
            "JAVA_INITIAL_MEM_RATIO", "JAVA_DEBUG", "JAVA_DEBUG_PORT");

    /** {@code ${NAME} or ${NAME:default}} with an environment-style name. */
    private static final Pattern ENV_REF = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)([:}])");
    private static final Pattern TOPIC_ARG = Pattern.compile("--topic[ =]+\"?([A-Za-z0-9._-]+)");

    private static Path root;
    private static List<String> services;
    private static Map<String, Object> compose;
    private static Map<String, Map<String, Map<String, Object>>> k8s; // kind -> name -> object

    @BeforeAll
    static void load() throws Exception {
        root = repoRoot();
        services = quarkusModules(root);
        compose = yamlMap(root.resolve("docker-compose.yml"));
        k8s = new LinkedHashMap<>();
        for (Path file : yamlFiles(root.resolve("deploy/k8s/base"))) {
            for (Object doc : yamlDocs(file)) {
                if (doc instanceof Map<?, ?> m && m.get("kind") != null) {
                    Map<String, Object> obj = cast(m);
                    String name = str(path(obj, "metadata", "name"));
                    Map<String, Map<String, Object>> byName = k8s.computeIfAbsent(str(obj.get("kind")), k -> new LinkedHashMap<>());
                    assertFalse(byName.containsKey(name), "two " + obj.get("kind") + " named " + name + " in deploy/k8s/base");
                    byName.put(name, obj);
                }
            }
        }
    }

    @Test
    void theReactorHasQuarkusServices() {
        assertFalse(services.isEmpty(), "no module of " + root.resolve("pom.xml") + " has the quarkus-maven-plugin");
    }

    @TestFactory
    Stream<DynamicTest> everyServiceIsInDockerCompose() {
        return services.stream().map(s -> DynamicTest.dynamicTest("compose: " + s, () -> checkCompose(s)));
    }

    @TestFactory
    Stream<DynamicTest> everyServiceIsInKubernetes() {
        return services.stream().map(s -> DynamicTest.dynamicTest("kubernetes: " + s, () -> checkKubernetes(s)));
    }

    @Test
    void composeCreatesEveryTopic() {
        Map<String, Object> svcs = cast(compose.get("services"));
        StringBuilder script = new StringBuilder();
        for (Object svc : svcs.values()) {
            Map<String, Object> m = cast(svc);
            String text = commandText(m.get("entrypoint")) + "\n" + commandText(m.get("command"));
            if (text.contains("kafka-topics")) {
                script.append(text).append('\n');
            }
        }
        assertFalse(script.isEmpty(), "no docker-compose service runs kafka-topics.sh");
        checkTopics("docker-compose.yml", script.toString());
    }

    @Test
    void kubernetesCreatesEveryTopic() {
        StringBuilder script = new StringBuilder();
        for (Map<String, Object> job : k8s.getOrDefault("Job", Map.of()).values()) {
            Map<String, Object> pod = cast(path(job, "spec", "template", "spec"));
            StringBuilder text = new StringBuilder();
            for (Map<String, Object> c : containers(pod)) {
                text.append(commandText(c.get("command"))).append('\n').append(commandText(c.get("args"))).append('\n');
            }
            for (Object v : list(pod.get("volumes"))) {
                Object cm = path(cast(v), "configMap", "name");
                if (cm != null) {
                    Map<String, Object> configMap = k8s.getOrDefault("ConfigMap", Map.of()).get(str(cm));
                    assertNotNull(configMap, "Job " + path(job, "metadata", "name") + " mounts missing ConfigMap " + cm);
                    map(configMap.get("data")).values().forEach(d -> text.append(d).append('\n'));
                }
            }
            if (text.toString().contains("kafka-topics")) {
                script.append(text);
            }
        }
        assertFalse(script.isEmpty(), "no Job in deploy/k8s/base runs kafka-topics.sh");
        checkTopics("deploy/k8s/base", script.toString());
    }

    @Test
    void kustomizationListsEveryManifest() throws IOException {
        Path base = root.resolve("deploy/k8s/base");
        Set<Path> listed = new TreeSet<>();
        collectResources(base, listed);
        Set<Path> present = new TreeSet<>();
        for (Path f : yamlFiles(base)) {
            if (!isKustomization(f)) {
                present.add(f.toAbsolutePath().normalize());
            }
        }
        Set<Path> unlisted = new TreeSet<>(present);
        unlisted.removeAll(listed);
        assertTrue(unlisted.isEmpty(), "manifests not in any kustomization.yaml (never deployed): " + unlisted);
        for (Path p : listed) {
            assertTrue(Files.exists(p), "kustomization lists a missing file: " + p);
        }
    }

    // ---------------------------------------------------------------------------------------------- per service

    private static void checkCompose(String service) throws IOException {
        ServiceConfig cfg = ServiceConfig.read(root.resolve(service));
        Map<String, Object> svcs = cast(compose.get("services"));
        assertTrue(svcs.containsKey(service), "docker-compose.yml has no service " + service);
        Map<String, Object> svc = cast(svcs.get(service));

        Set<Integer> ports = new LinkedHashSet<>();
        for (Object p : list(svc.get("ports"))) {
            ports.add(containerPort(p));
        }
        for (Object p : list(svc.get("expose"))) {
            ports.add(containerPort(p));
        }
        assertTrue(ports.contains(cfg.httpPort), service + ": compose ports " + ports + " lack quarkus.http.port " + cfg.httpPort);

        String health = commandText(path(svc, "healthcheck", "test"));
        assertTrue(health.contains(READY) && health.contains(String.valueOf(cfg.httpPort)),
                service + ": compose healthcheck must call " + READY + " on port " + cfg.httpPort + ", is: " + health);

        Object dependsOn = svc.get("depends_on");
        assertTrue(dependsOn instanceof Map<?, ?> m && !m.isEmpty(), service + ": depends_on must name conditions");
        Map<String, Object> deps = cast(dependsOn);
        assertTrue(deps.values().stream().anyMatch(d -> "service_healthy".equals(map(d).get("condition"))),
                service + ": depends_on has no service_healthy condition: " + deps);
        for (String dep : deps.keySet()) {
            assertTrue(svcs.containsKey(dep), service + " depends on missing compose service " + dep);
        }

        Object build = svc.get("build");
        if (build instanceof Map<?, ?> b) {
            Path context = root.resolve(str(b.get("context"))).normalize();
            Path dockerfile = context.resolve(b.get("dockerfile") == null ? "Dockerfile" : str(b.get("dockerfile")));
            assertTrue(Files.isRegularFile(dockerfile), service + ": compose builds from missing " + dockerfile);
        }

        Set<String> env = new TreeSet<>();
        Object environment = svc.get("environment");
        if (environment instanceof Map<?, ?> m) {
            m.keySet().forEach(k -> env.add(str(k)));
        } else {
            for (Object e : list(environment)) {
                env.add(str(e).split("=", 2)[0]);
            }
        }
        Object envFile = svc.get("env_file");
        for (Object f : envFile instanceof String ? List.of(envFile) : list(envFile)) {
            for (String line : Files.readAllLines(root.resolve(str(f)))) {
                if (!line.isBlank() && !line.startsWith("#") && line.contains("=")) {
                    env.add(line.split("=", 2)[0].trim());
                }
            }
        }
        checkEnv(service, "docker-compose.yml", cfg, env);
    }

    private static void checkKubernetes(String service) throws IOException {
        ServiceConfig cfg = ServiceConfig.read(root.resolve(service));
        Map<String, Object> deployment = k8s.getOrDefault("Deployment", Map.of()).get(service);
        assertNotNull(deployment, "deploy/k8s/base has no Deployment " + service);
        Map<String, Object> pod = cast(path(deployment, "spec", "template", "spec"));
        List<Map<String, Object>> containers = containers(pod);
        Map<String, Object> c = containers.stream().filter(x -> service.equals(x.get("name"))).findFirst()
                .orElse(containers.get(0));

        String image = str(c.get("image"));
        assertTrue(image.startsWith("trunkline/" + service + ":"), service + ": image should be trunkline/" + service
                + ":<tag>, is " + image);

        String portName = null;
        boolean hasPort = false;
        for (Object p : list(c.get("ports"))) {
            Map<String, Object> port = cast(p);
            if (Objects.equals(num(port.get("containerPort")), cfg.httpPort)) {
                hasPort = true;
                portName = port.get("name") == null ? null : str(port.get("name"));
            }
        }
        assertTrue(hasPort, service + ": Deployment has no containerPort " + cfg.httpPort);
        checkProbe(service, c, "livenessProbe", LIVE, cfg.httpPort, portName);
        checkProbe(service, c, "readinessProbe", READY, cfg.httpPort, portName);
        assertNotNull(c.get("startupProbe"), service + ": Deployment has no startupProbe");

        Map<String, Object> svc = k8s.getOrDefault("Service", Map.of()).get(service);
        assertNotNull(svc, "deploy/k8s/base has no Service " + service);
        Map<String, Object> selector = map(path(svc, "spec", "selector"));
        Map<String, Object> podLabels = map(path(deployment, "spec", "template", "metadata", "labels"));
        assertFalse(selector.isEmpty(), service + ": Service without selector");
        selector.forEach((k, v) -> assertEquals(v, podLabels.get(k), service + ": Service selector " + k + " misses the pods"));
        String pn = portName;
        assertTrue(list(path(svc, "spec", "ports")).stream().map(DeployConsistencyTest::map).anyMatch(p ->
                Objects.equals(num(p.get("port")), cfg.httpPort)
                        && (p.get("targetPort") == null || Objects.equals(num(p.get("targetPort")), cfg.httpPort)
                                || Objects.equals(str(p.get("targetPort")), pn))),
                service + ": Service does not expose port " + cfg.httpPort + " to the container's " + cfg.httpPort);

        Set<String> env = new TreeSet<>();
        for (Object e : list(c.get("env"))) {
            env.add(str(map(e).get("name")));
        }
        for (Object ef : list(c.get("envFrom"))) {
            Map<String, Object> from = cast(ef);
            boolean optional = false;
            Map<String, Object> source;
            if (from.get("configMapRef") != null) {
                Map<String, Object> ref = cast(from.get("configMapRef"));
                optional = Boolean.TRUE.equals(ref.get("optional"));
                source = k8s.getOrDefault("ConfigMap", Map.of()).get(str(ref.get("name")));
                assertTrue(source != null || optional, service + ": envFrom names missing ConfigMap " + ref.get("name"));
            } else {
                Map<String, Object> ref = cast(from.get("secretRef"));
                optional = Boolean.TRUE.equals(ref.get("optional"));
                source = k8s.getOrDefault("Secret", Map.of()).get(str(ref.get("name")));
                assertTrue(source != null || optional, service + ": envFrom names missing Secret " + ref.get("name"));
            }
            if (source != null) {
                String prefix = from.get("prefix") == null ? "" : str(from.get("prefix"));
                map(source.get("data")).keySet().forEach(k -> env.add(prefix + k));
                map(source.get("stringData")).keySet().forEach(k -> env.add(prefix + k));
            }
        }
        assertTrue(env.size() > 0 || cfg.required().isEmpty(), service + ": the Deployment sets no environment");
        checkEnv(service, "deploy/k8s/base", cfg, env);
    }

    private static void checkProbe(String service, Map<String, Object> container, String probe, String path, int port,
            String portName) {
        Map<String, Object> get = map(path(container, probe, "httpGet"));
        assertEquals(path, get.get("path"), service + ": " + probe + " must GET " + path);
        Object p = get.get("port");
        assertTrue(Objects.equals(num(p), port) || (portName != null && portName.equals(str(p))),
                service + ": " + probe + " must use port " + port + (portName == null ? "" : " / " + portName) + ", uses " + p);
    }

    private static void checkEnv(String service, String where, ServiceConfig cfg, Set<String> set) {
        Set<String> missing = new TreeSet<>(cfg.required());
        missing.removeAll(set);
        assertTrue(missing.isEmpty(), service + ": " + where + " does not set " + missing + " (needed by "
                + service + "/src/main/resources/application.properties: no default, or a default on this machine)");
        Set<String> stale = set.stream()
                .filter(e -> !cfg.referenced.containsKey(e) && !cfg.propertyEnvNames.contains(e)
                        && !LAUNCHER_ENV.contains(e) && !e.startsWith("QUARKUS_"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertTrue(stale.isEmpty(), service + ": " + where + " sets " + stale + ", which " + service
                + "'s application.properties never reads (stale, or a name that differs from the properties)");
    }

    private static void checkTopics(String where, String script) {
        Map<String, Boolean> created = new LinkedHashMap<>(); // topic -> compacted
        for (String line : script.split("\n")) {
            if (!line.contains("--create")) {
                continue;
            }
            Matcher m = TOPIC_ARG.matcher(line);
            if (m.find()) {
                created.merge(m.group(1), line.contains("cleanup.policy=compact"), Boolean::logicalOr);
            }
        }
        Set<String> expected = new TreeSet<>();
        for (String t : Topics.ALL) {
            expected.add(t);
            expected.add(Topics.dlq(t));
        }
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(created.keySet());
        assertTrue(missing.isEmpty(), where + " does not create topics " + missing);
        Set<String> extra = new TreeSet<>(created.keySet());
        extra.removeAll(expected);
        assertTrue(extra.isEmpty(), where + " creates topics that Topics.ALL does not know: " + extra);
        Set<String> compacted = created.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of(Topics.BILLING_BALANCES), compacted, where + ": exactly " + Topics.BILLING_BALANCES
                + " is compacted (a compacted dead-letter topic would refuse records without a key)");
    }

    // ------------------------------------------------------------------------------------- a service's properties

    /** What a service's application.properties say about its port and environment, for the prod profile. */
    private record ServiceConfig(int httpPort, Map<String, EnvRef> referenced, Set<String> propertyEnvNames) {

        record EnvRef(boolean hasDefault, String defaultValue) {
        }

        /** Must be set by a deployment: no default, or a default that only works on the developer's machine. */
        Set<String> required() {
            return referenced.entrySet().stream()
                    .filter(e -> !e.getValue().hasDefault() || pointsHere(e.getValue().defaultValue()))
                    .map(Map.Entry::getKey).collect(Collectors.toCollection(TreeSet::new));
        }

        private static boolean pointsHere(String value) {
            return value.contains("localhost") || value.contains("127.0.0.1");
        }

        static ServiceConfig read(Path module) throws IOException {
            Path file = module.resolve("src/main/resources/application.properties");
            assertTrue(Files.isRegularFile(file), "missing " + file);
            Properties raw = new Properties();
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                raw.load(r);
            }
            Map<String, String> effective = new LinkedHashMap<>();
            Map<String, String> prod = new LinkedHashMap<>();
            for (String key : raw.stringPropertyNames()) {
                if (!key.startsWith("%")) {
                    effective.putIfAbsent(key, raw.getProperty(key));
                } else {
                    int dot = key.indexOf('.');
                    List<String> profiles = List.of(key.substring(1, dot).split(","));
                    if (profiles.contains("prod")) {
                        prod.put(key.substring(dot + 1), raw.getProperty(key));
                    }
                }
            }
            effective.putAll(prod);

            Map<String, EnvRef> refs = new LinkedHashMap<>();
            for (String value : effective.values()) {
                Matcher m = ENV_REF.matcher(value);
                while (m.find()) {
                    boolean hasDefault = m.group(2).equals(":");
                    String def = hasDefault ? defaultAt(value, m.end()) : null;
                    EnvRef ref = new EnvRef(hasDefault, def);
                    refs.merge(m.group(1), ref, (a, b) -> !a.hasDefault() ? a : !b.hasDefault() ? b
                            : pointsHere(a.defaultValue()) ? a : b);
                }
            }
            String port = effective.getOrDefault("quarkus.http.port", "8080").trim();
            Matcher withDefault = Pattern.compile("\\$\\{[^:}]+:(\\d+)}").matcher(port);
            int httpPort = withDefault.matches() ? Integer.parseInt(withDefault.group(1)) : Integer.parseInt(port);
            // an env var named like a key of the file overrides that key (MicroProfile Config's environment mapping)
            Set<String> propertyEnvNames = effective.keySet().stream()
                    .map(k -> k.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT))
                    .collect(Collectors.toCollection(TreeSet::new));
            return new ServiceConfig(httpPort, refs, propertyEnvNames);
        }

        /** The default of {@code ${NAME:default}} starting at {@code from}, up to the matching brace. */
        private static String defaultAt(String value, int from) {
            int depth = 1;
            for (int i = from; i < value.length(); i++) {
                char ch = value.charAt(i);
                if (ch == '{') {
                    depth++;
                } else if (ch == '}' && --depth == 0) {
                    return value.substring(from, i);
                }
            }
            return value.substring(from);
        }
    }

    // -------------------------------------------------------------------------------------------- reactor & files

    private static Path repoRoot() {
        String prop = System.getProperty("trunkline.root");
        Path p = prop == null || prop.isBlank() ? Paths.get("..") : Paths.get(prop);
        p = p.toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(p.resolve("pom.xml")) && Files.isRegularFile(p.resolve("docker-compose.yml")),
                "not the repository root (set -Dtrunkline.root): " + p);
        return p;
    }

    /** The root pom's modules whose own pom builds with the quarkus-maven-plugin. */
    private static List<String> quarkusModules(Path root) throws Exception {
        Document pom = xml(root.resolve("pom.xml"));
        List<String> result = new ArrayList<>();
        for (Element modules : children(pom.getDocumentElement(), "modules")) {
            for (Element module : children(modules, "module")) {
                String name = module.getTextContent().trim();
                Path modulePom = root.resolve(name).resolve("pom.xml");
                if (Files.isRegularFile(modulePom) && buildsWithQuarkus(xml(modulePom))) {
                    result.add(name);
                }
            }
        }
        return result;
    }

    private static boolean buildsWithQuarkus(Document pom) {
        for (Element build : children(pom.getDocumentElement(), "build")) {
            for (Element plugins : children(build, "plugins")) {
                for (Element plugin : children(plugins, "plugin")) {
                    for (Element artifact : children(plugin, "artifactId")) {
                        if ("quarkus-maven-plugin".equals(artifact.getTextContent().trim())) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    private static Document xml(Path file) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        try (InputStream in = Files.newInputStream(file)) {
            return f.newDocumentBuilder().parse(in);
        }
    }

    private static List<Element> children(Element parent, String tag) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node n = nodes.item(i);
            if (n instanceof Element e && tag.equals(e.getLocalName() != null ? e.getLocalName() : e.getTagName())) {
                out.add(e);
            }
        }
        return out;
    }

    private static List<Path> yamlFiles(Path dir) throws IOException {
        assertTrue(Files.isDirectory(dir), "missing " + dir);
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList();
        }
    }

    private static boolean isKustomization(Path f) {
        String n = f.getFileName().toString();
        return n.equals("kustomization.yaml") || n.equals("kustomization.yml") || n.equals("Kustomization");
    }

    private static void collectResources(Path dir, Set<Path> out) throws IOException {
        Path k = Files.exists(dir.resolve("kustomization.yaml")) ? dir.resolve("kustomization.yaml") : dir.resolve("kustomization.yml");
        assertTrue(Files.isRegularFile(k), "no kustomization.yaml in " + dir);
        for (Object r : list(yamlMap(k).get("resources"))) {
            Path p = dir.resolve(str(r)).toAbsolutePath().normalize();
            if (Files.isDirectory(p)) {
                collectResources(p, out);
            } else {
                out.add(p);
            }
        }
    }

    private static Yaml yaml() {
        return new Yaml(new SafeConstructor(new LoaderOptions()));
    }

    private static Map<String, Object> yamlMap(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Object doc = yaml().load(r);
            assertTrue(doc instanceof Map, file + " is not a YAML mapping");
            return cast(doc);
        }
    }

    private static List<Object> yamlDocs(Path file) throws IOException {
        List<Object> docs = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (Object d : yaml().loadAll(r)) {
                docs.add(d);
            }
        }
        return docs;
    }

    // ---------------------------------------------------------------------------------------------- YAML helpers

    private static int containerPort(Object p) {
        if (p instanceof Map<?, ?> m) {
            return num(m.get("target"));
        }
        String s = str(p);
        String last = s.substring(s.lastIndexOf(':') + 1);
        int slash = last.indexOf('/');
        return Integer.parseInt(slash < 0 ? last : last.substring(0, slash));
    }

    private static List<Map<String, Object>> containers(Map<String, Object> pod) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object c : list(pod.get("containers"))) {
            out.add(cast(c));
        }
        if (out.isEmpty()) {
            fail("a pod template without containers");
        }
        return out;
    }

    private static String commandText(Object command) {
        if (command == null) {
            return "";
        }
        if (command instanceof Collection<?> c) {
            return c.stream().map(String::valueOf).collect(Collectors.joining(" "));
        }
        return String.valueOf(command);
    }

    private static Object path(Map<String, Object> m, String... keys) {
        Object cur = m;
        for (String k : keys) {
            if (!(cur instanceof Map<?, ?> map)) {
                return null;
            }
            cur = map.get(k);
        }
        return cur;
    }

    private static Integer num(Object o) {
        if (o instanceof Number n) {
            return n.intValue();
        }
        if (o instanceof String s && s.matches("\\d+")) {
            return Integer.parseInt(s);
        }
        return null;
    }

    private static String str(Object o) {
        return o == null ? null : String.valueOf(o);
    }

    private static List<Object> list(Object o) {
        if (o == null) {
            return List.of();
        }
        assertTrue(o instanceof List, "expected a YAML list, got " + o);
        return cast(o);
    }

    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> ? cast(o) : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object o) {
        return (T) o;
    }
}
