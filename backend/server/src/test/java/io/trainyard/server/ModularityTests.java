package io.trainyard.server;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** Module boundaries hold, and the module docs linked from docs/architecture.md match the code. */
class ModularityTests {

    private final ApplicationModules modules = ApplicationModules.of(TrainyardApplication.class);

    @Test
    void modulesRespectTheirBoundaries() {
        modules.verify();
    }

    @Test
    void writesModuleDocumentation() {
        // Surefire runs in backend/server; the docs live at the repository root
        new Documenter(modules, Documenter.Options.defaults().withOutputFolder("../../docs/modules"))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml()
                .writeModuleCanvases();
    }
}
