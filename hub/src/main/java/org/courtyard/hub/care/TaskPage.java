package org.courtyard.hub.care;

import java.util.List;
import java.util.Optional;

/** One page of tasks, and where the next one starts if there is more. */
public record TaskPage(List<TaskView> tasks, Optional<TaskCursor> next) {

    public TaskPage {
        tasks = List.copyOf(tasks);
    }
}
