package org.courtyard.kiosk.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.courtyard.kiosk.net.HubConnection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The kiosk's shape (docs/architecture.md, "The kiosk inside"), held by the build: its packages
 * form no cycle, the bottom package {@code core} imports no feature, only {@link HubConnection}
 * makes an HTTP client (so every caller of the hub gets the kiosk's TLS settings), and
 * {@code Kiosk.java} only wires.
 */
class KioskArchitectureTest {

    private static final String ROOT = "org.courtyard.kiosk";

    private static JavaClasses kiosk;

    @BeforeAll
    static void importMainClasses() {
        kiosk = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.courtyard.kiosk");
    }

    @Test
    void the_kiosks_packages_form_no_cycle() {
        slices().assignedFrom(BY_FEATURE).should().beFreeOfCycles().check(kiosk);
    }

    /**
     * One slice per package under {@code org.courtyard.kiosk}, a feature's {@code internal} package
     * being part of its feature (voice and voice.internal are one), and the root package (the
     * wiring: Kiosk, KioskConfig) a slice of its own.
     */
    private static final SliceAssignment BY_FEATURE = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass type) {
            String name = type.getPackageName();
            if (name.equals(ROOT)) {
                return SliceIdentifier.of("(root)");
            }
            if (!name.startsWith(ROOT + ".")) {
                return SliceIdentifier.ignore();
            }
            return SliceIdentifier.of(name.substring(ROOT.length() + 1).split("\\.")[0]);
        }

        @Override
        public String getDescription() {
            return "the kiosk's packages, each with its internal package, and the root package";
        }
    };

    @Test
    void the_bottom_package_imports_no_feature() {
        noClasses().that().resideInAPackage("org.courtyard.kiosk.core..")
                .should().dependOnClassesThat(resideInAPackage("org.courtyard.kiosk..")
                        .and(not(resideInAPackage("org.courtyard.kiosk.core.."))))
                .because("the features import the model, state and screen types; never the other way")
                .check(kiosk);
    }

    @Test
    void only_the_hub_connection_makes_an_http_client() {
        Set<String> callers = new TreeSet<>();
        kiosk.forEach(type -> type.getMethodCallsFromSelf().stream()
                .filter(KioskArchitectureTest::makesAnHttpClient)
                .forEach(call -> callers.add(call.getOriginOwner().getName())));

        assertThat(callers).containsExactly(HubConnection.class.getName());
    }

    private static boolean makesAnHttpClient(JavaMethodCall call) {
        return call.getTargetOwner().isEquivalentTo(HttpClient.class)
                && (call.getName().equals("newBuilder") || call.getName().equals("newHttpClient"));
    }

    @Test
    void kiosk_java_only_wires_in_under_350_lines() throws IOException {
        Path source = Path.of("src/main/java/org/courtyard/kiosk/Kiosk.java");

        assertThat(Files.readAllLines(source)).hasSizeLessThan(350);
    }
}
