package io.wsroute.nginx;

import java.util.List;
import java.util.Optional;

/** One step of the F5 controller's validation of an annotation; the first step that fails ends the chain. */
@FunctionalInterface
interface NginxIncCheck {

    Step apply(String key, String value, NginxIncInput input);

    /**
     * What a step found.
     *
     * @param problems the rejections (empty: passed)
     * @param unknown set when the outcome hangs on a controller flag wsroute cannot see
     */
    record Step(List<NginxIncProblem> problems, Optional<String> unknown) {

        static final Step PASS = new Step(List.of(), Optional.empty());

        static Step fail(NginxIncProblem... problems) {
            return new Step(List.of(problems), Optional.empty());
        }

        static Step of(List<NginxIncProblem> problems) {
            return new Step(List.copyOf(problems), Optional.empty());
        }

        static Step unknown(String why) {
            return new Step(List.of(), Optional.of(why));
        }

        boolean ends() {
            return !problems.isEmpty() || unknown.isPresent();
        }
    }
}
