package org.courtyard.hub;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hub's package rules (docs/architecture.md, "The hub inside"): domain code knows nothing of
 * HTTP, the sync core knows no feature, the web adapters sit on top, and the top-level packages
 * form no cycle.
 */
@AnalyzeClasses(packages = "org.courtyard.hub", importOptions = ImportOption.DoNotIncludeTests.class)
class HubArchitectureTest {

    /** Every package below the web adapters ({@code api}) and the wiring ({@code Hub}). */
    static final String[] DOMAIN = {"..hub.core..", "..hub.store..", "..hub.audit..", "..hub.auth..",
        "..hub.notify..", "..hub.sync..", "..hub.kiosk..", "..hub.residents..", "..hub.help..", "..hub.checkin..",
        "..hub.announce.."};

    /** What plugs into the sync core: the features and their adapters. */
    static final String[] FEATURES = {"..hub.kiosk..", "..hub.residents..", "..hub.help..", "..hub.checkin..",
        "..hub.announce..", "..hub.notify..", "..hub.audit..", "..hub.api.."};

    @ArchTest
    static final ArchRule domain_code_knows_nothing_of_http = noClasses().that().resideInAnyPackage(DOMAIN)
            .should().dependOnClassesThat().resideInAnyPackage("..hub.web..", "org.eclipse.jetty..")
            .because("domain code refuses with core.Refusal and is called by adapters in api; Jetty is web's"
                    + " (except the live stream, see the next rule)")
            .allowEmptyShould(false);

    @ArchTest
    static final ArchRule domain_code_is_not_built_on_its_adapters = noClasses().that().resideInAnyPackage(DOMAIN)
            .should().dependOnClassesThat().resideInAnyPackage("..hub.api..")
            .orShould().dependOnClassesThat().resideInAPackage("org.courtyard.hub");

    @ArchTest
    static final ArchRule the_sync_core_knows_no_feature = noClasses().that().resideInAPackage("..hub.sync..")
            .should().dependOnClassesThat().resideInAnyPackage(FEATURES)
            .because("a feature registers its event handlers and answer parts with the sync core, which"
                    + " never names it");

    @ArchTest
    static final ArchRule the_web_layer_knows_no_feature = noClasses().that().resideInAPackage("..hub.web..")
            .should().dependOnClassesThat().resideInAnyPackage("..hub.kiosk..", "..hub.residents..", "..hub.help..",
                    "..hub.checkin..", "..hub.announce..", "..hub.audit..", "..hub.sync..", "..hub.api..")
            .because("routes, with their access, are registered by the features' adapters in api");

    @ArchTest
    static final ArchRule core_depends_on_nothing_of_the_hub = noClasses().that().resideInAPackage("..hub.core..")
            .should().dependOnClassesThat(resideInAPackage("org.courtyard.hub..")
                    .and(DescribedPredicate.not(resideInAPackage("..hub.core.."))));

    @ArchTest
    static final ArchRule the_top_level_packages_form_no_cycle = slices().matching("org.courtyard.hub.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule internals_stay_inside_their_package = classes().that().resideInAPackage("..internal..")
            .should(onlyBeUsedWithinTheirTopLevelPackage());

    private static final Pattern TOP = Pattern.compile("org\\.courtyard\\.hub\\.([a-z]+)(\\..*)?");

    private static ArchCondition<JavaClass> onlyBeUsedWithinTheirTopLevelPackage() {
        return new ArchCondition<>("only be used within their top-level package") {
            @Override
            public void check(JavaClass internal, ConditionEvents events) {
                String home = top(internal.getPackageName());
                for (Dependency dependency : internal.getDirectDependenciesToSelf()) {
                    JavaClass user = dependency.getOriginClass();
                    if (!home.equals(top(user.getPackageName()))) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                }
            }
        };
    }

    private static String top(String packageName) {
        Matcher matcher = TOP.matcher(packageName);
        return matcher.matches() ? matcher.group(1) : packageName;
    }
}
