package dev.incidentcommand.architecture;

import java.util.ArrayList;
import java.util.List;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The packages form layers that depend only downwards, so a reader can follow any request in one
 * direction. Packages on the same level do not use each other. Where a lower layer needs a higher
 * one (the rules of command, reviewing a change), it declares an interface the higher implements.
 */
class LayersTest {

    /** From the bottom up; packages sharing a level are independent of each other. */
    private static final List<List<String>> LEVELS = List.of(
            List.of("common", "database"),
            List.of("people"),
            List.of("timeline"),
            List.of("incident"),
            List.of("task", "communication", "alert"),
            List.of("command"),
            List.of("live", "board", "notify", "rewind"),
            List.of("security"),
            List.of("limits"),
            List.of("transport"));

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.incidentcommand");

    @Test
    void everyPackageDependsOnlyOnPackagesBelowIt() {
        LayeredArchitecture layers = layeredArchitecture().consideringOnlyDependenciesInLayers();
        for (List<String> level : LEVELS) {
            for (String name : level) {
                layers = layers.layer(name).definedBy("dev.incidentcommand." + name + "..");
            }
        }
        for (int i = 0; i < LEVELS.size(); i++) {
            List<String> above = new ArrayList<>();
            LEVELS.subList(i + 1, LEVELS.size()).forEach(above::addAll);
            for (String name : LEVELS.get(i)) {
                layers = above.isEmpty()
                        ? layers.whereLayer(name).mayNotBeAccessedByAnyLayer()
                        : layers.whereLayer(name).mayOnlyBeAccessedByLayers(above.toArray(String[]::new));
            }
        }
        layers.check(CLASSES);
    }

    @Test
    void noPackagesDependOnEachOtherInACircle() {
        slices().matching("dev.incidentcommand.(*)..").should().beFreeOfCycles().check(CLASSES);
    }
}
