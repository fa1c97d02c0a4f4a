package org.courtyard.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.courtyard.hub.web.StaticFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * The pages' files as the hub ships them (the class-path folder {@code /web/}): the staff page
 * (index.html), its printable report.html and the cadre's phone page (care.html) parse, hold no
 * inline script, style or event handler (the Content-Security-Policy would block them), every file
 * is reachable from index.html and every reference points at a file (the chart library at one of
 * its webjar on the class path).
 */
class StaticPageTest {

    // A bare import ("import './x.js';") is a statement at the start of a line, so that an object key
    // such as 'resident.import': '...' is not taken for one.
    private static final Pattern IMPORT = Pattern.compile(
            "(?:\\bimport|\\bexport)\\s[^;'\"]*?\\bfrom\\s*['\"]([^'\"]+)['\"]"
                    + "|(?m:^\\s*import\\s*['\"]([^'\"]+)['\"])"
                    + "|\\bimport\\s*\\(\\s*['\"]([^'\"]+)['\"]\\s*\\)"
                    // a module's own file, such as an AudioWorklet: new URL('./x.js', import.meta.url)
                    + "|\\bnew\\s+URL\\(\\s*['\"]([^'\"]+)['\"]\\s*,\\s*import\\.meta\\.url");
    private static final Pattern CSS_URL = Pattern.compile("url\\(\\s*['\"]?([^'\")]+)['\"]?\\s*\\)|@import\\s+['\"]([^'\"]+)['\"]");
    private static final Pattern BY_ID = Pattern.compile("\\bbyId\\('([^']+)'\\)");

    private static Path web;
    private static Document index;
    /** The printable report, driven by js/report-page.js. */
    private static Document report;
    /** The cadre's phone page, driven by the scripts under js/care/. */
    private static Document care;

    @BeforeAll
    static void read() throws Exception {
        web = webFolder();
        index = parse(web.resolve("index.html"));
        report = parse(web.resolve("report.html"));
        care = parse(web.resolve("care.html"));
    }

    @Test
    void the_pages_are_well_formed_chinese_html() {
        for (Document page : List.of(index, report, care)) {
            Element html = page.getDocumentElement();

            assertThat(html.getTagName()).isEqualTo("html");
            assertThat(html.getAttribute("lang")).isEqualTo("zh-CN");
            assertThat(elements(page, "meta")).anySatisfy(meta -> assertThat(meta.getAttribute("charset"))
                    .isEqualToIgnoringCase("utf-8"));
            assertThat(elements(page, "title").get(0).getTextContent()).contains("馨安小院");
        }
    }

    @Test
    void the_pages_have_no_inline_script_style_or_handler() {
        for (Document page : List.of(index, report, care)) {
            noInlineCode(page);
        }
    }

    private static void noInlineCode(Document page) {
        for (Element script : elements(page, "script")) {
            assertThat(script.getAttribute("src")).as("every <script> loads a file").isNotBlank();
            assertThat(script.getTextContent().trim()).as("inline code in <script src=%s>", script.getAttribute("src")).isEmpty();
        }
        assertThat(elements(page, "style")).as("<style> elements").isEmpty();
        for (Element element : elements(page, "*")) {
            NamedNodeMap attributes = element.getAttributes();
            for (int i = 0; i < attributes.getLength(); i++) {
                Attr attribute = (Attr) attributes.item(i);
                String name = attribute.getName().toLowerCase(Locale.ROOT);
                assertThat(name).as("attribute on <%s>", element.getTagName()).isNotEqualTo("style").doesNotStartWith("on");
                assertThat(attribute.getValue().trim().toLowerCase(Locale.ROOT))
                        .as("%s on <%s>", name, element.getTagName()).doesNotStartWith("javascript:");
            }
        }
    }

    @Test
    void ids_in_each_page_are_unique_and_every_id_the_scripts_ask_for_exists_in_their_page() throws IOException {
        List<String> reportIds = ids(report);
        List<String> careIds = ids(care);
        assertThat(ids(index)).doesNotHaveDuplicates();
        assertThat(reportIds).doesNotHaveDuplicates();
        assertThat(careIds).doesNotHaveDuplicates();
        // The staff page's scripts and the report page's share modules (report-view.js).
        List<String> staffIds = new ArrayList<>(ids(index));
        staffIds.addAll(reportIds);

        for (Path script : files("js")) {
            boolean phone = web.relativize(script).startsWith("js/care");
            Matcher matcher = BY_ID.matcher(read(script));
            while (matcher.find()) {
                assertThat(phone ? careIds : staffIds).as("byId('%s') in %s", matcher.group(1), web.relativize(script))
                        .contains(matcher.group(1));
            }
        }
    }

    private static List<String> ids(Document page) {
        return elements(page, "*").stream().map(e -> e.getAttribute("id")).filter(id -> !id.isEmpty()).toList();
    }

    @Test
    void every_section_module_has_its_section_and_nav_link_in_index_html() throws IOException {
        Set<String> sections = elements("section").stream().map(e -> e.getAttribute("data-section"))
                .filter(s -> !s.isEmpty()).collect(Collectors.toCollection(TreeSet::new));
        Set<String> navLinks = elements("a").stream().map(e -> e.getAttribute("data-nav"))
                .filter(s -> !s.isEmpty()).collect(Collectors.toCollection(TreeSet::new));
        Set<String> moduleIds = new TreeSet<>();
        for (Path module : files("js/sections")) {
            Matcher id = Pattern.compile("\\bid:\\s*'([^']+)'").matcher(read(module));
            assertThat(id.find()).as("%s declares id: '...'", web.relativize(module)).isTrue();
            moduleIds.add(id.group(1));
        }

        assertThat(sections).isEqualTo(moduleIds);
        assertThat(navLinks).isEqualTo(moduleIds);
    }

    @Test
    void scripts_use_no_eval_and_never_write_html() throws IOException {
        Pattern forbidden = Pattern.compile("\\beval\\s*\\(|\\bnew\\s+Function\\s*\\(|\\binnerHTML\\b|\\bouterHTML\\b"
                + "|\\binsertAdjacentHTML\\b|\\bdocument\\.write|\\bset(?:Timeout|Interval)\\s*\\(\\s*['\"`]"
                + "|\\.style\\s*\\.|\\bsetAttribute\\(\\s*'style'");
        for (Path script : java.util.stream.Stream.concat(files("js").stream(), files("family").stream())
                .filter(file -> file.toString().endsWith(".js")).toList()) {
            Matcher matcher = forbidden.matcher(read(script));
            assertThat(matcher.find() ? matcher.group() : null).as("forbidden code in %s", web.relativize(script)).isNull();
        }
    }

    @Test
    void every_file_of_the_page_is_referenced_and_every_reference_exists() throws Exception {
        Set<Path> reached = new LinkedHashSet<>();
        // Two pages: the staff page, and the family page (docs/family.md), the one part served to the internet.
        Deque<Path> todo = new ArrayDeque<>(List.of(web.resolve("index.html"), web.resolve("family/index.html")));
        while (!todo.isEmpty()) {
            Path file = todo.pop();
            if (!reached.add(file)) {
                continue;
            }
            for (String reference : references(file)) {
                Path target = file.getParent().resolve(reference).normalize();
                assertThat(target).as("'%s' referenced from %s", reference, web.relativize(file)).startsWith(web).isRegularFile();
                todo.push(target);
            }
        }

        Set<Path> all = new HashSet<>(files(""));
        all.removeAll(reached);
        assertThat(all).as("files under web/ that nothing references").isEmpty();
    }

    private static List<String> references(Path file) throws Exception {
        String name = file.getFileName().toString();
        List<String> out = new ArrayList<>();
        if (name.endsWith(".html")) {
            for (Element element : elements(parse(file), "*")) {
                for (String attribute : List.of("src", "href")) {
                    String value = element.getAttribute(attribute);
                    if (value.startsWith(StaticFiles.CHARTS_PATH + "/")) {
                        // Served from the chart library's webjar (StaticFiles.charts), not from web/.
                        assertThat(StaticPageTest.class.getResource("/META-INF/resources/webjars/echarts/"
                                + chartsVersion() + value.substring(StaticFiles.CHARTS_PATH.length())))
                                .as("%s on <%s> is in the chart library", attribute, element.getTagName()).isNotNull();
                    } else if (!value.isEmpty() && !value.startsWith("#")) {
                        assertThat(value).as("%s on <%s> is a local file", attribute, element.getTagName())
                                .doesNotContain(":").doesNotStartWith("//");
                        out.add(value);
                    }
                }
            }
        } else if (name.endsWith(".js")) {
            collect(IMPORT.matcher(read(file)), out);
        } else if (name.endsWith(".css")) {
            collect(CSS_URL.matcher(read(file)), out);
        }
        return out;
    }

    private static void collect(Matcher matcher, List<String> out) {
        while (matcher.find()) {
            for (int group = 1; group <= matcher.groupCount(); group++) {
                String value = matcher.group(group);
                if (value != null && !value.startsWith("data:")) {
                    assertThat(value).as("reference '%s' is relative to the page", value).startsWith(".");
                    out.add(value);
                }
            }
        }
    }

    private static List<Element> elements(String tag) {
        return elements(index, tag);
    }

    private static List<Element> elements(Document document, String tag) {
        NodeList nodes = document.getElementsByTagName(tag);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add((Element) nodes.item(i));
        }
        return out;
    }

    private static List<Path> files(String under) throws IOException {
        try (Stream<Path> walk = Files.walk(web.resolve(under))) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    /**
     * index.html is written as well-formed XML (polyglot HTML) so that the JDK's parser reads it;
     * a parse error here means an unclosed element or a bare boolean attribute.
     */
    private static Document parse(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setExpandEntityReferences(false);
        DocumentBuilder builder = factory.newDocumentBuilder();
        return builder.parse(new InputSource(new StringReader(read(file))));
    }

    private static String chartsVersion() throws IOException {
        java.util.Properties webjar = new java.util.Properties();
        try (var in = StaticPageTest.class.getResourceAsStream("/META-INF/maven/org.webjars.npm/echarts/pom.properties")) {
            assertThat(in).as("the chart library on the class path").isNotNull();
            webjar.load(in);
        }
        return webjar.getProperty("version");
    }

    private static Path webFolder() throws URISyntaxException {
        var url = StaticPageTest.class.getResource("/web/index.html");
        assertThat(url).as("web/index.html on the class path").isNotNull();
        assertThat(url.getProtocol()).as("the page is read from target/classes").isEqualTo("file");
        return Path.of(url.toURI()).getParent();
    }
}
