package org.courtyard.kiosk.home;

import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A home unit's settings, the {@code home.*} keys of its config file (docs/operator-guide.md);
 * every problem is an {@link IllegalArgumentException} naming the key.
 *
 * @param checkInFrom from this local time the green lamp glows until the day's 报平安 is done
 *     ({@code home.checkin-from})
 * @param reminders the local times the unit reminds the resident by voice, if they have not checked
 *     in yet that day ({@code home.reminders}; empty for none)
 * @param announceNormal whether NORMAL announcements play too; EMERGENCY ones always do
 *     ({@code home.announce-normal})
 * @param nameVoice the command that speaks the resident's name into a WAV file, {@code {file}} and
 *     {@code {text}} replaced ({@code home.name-voice}); empty for none, then the unit thanks
 *     without the name unless a recording of it is in {@code DATA/prompts/resident-name.wav}
 */
public record HomeSettings(LocalTime checkInFrom, List<LocalTime> reminders, boolean announceNormal,
        List<String> nameVoice) {

    /** espeak-ng's Mandarin voice (apt-get install espeak-ng), slow enough for an elder's ear. */
    public static final List<String> ESPEAK = List.of("espeak-ng", "-v", "cmn", "-s", "130", "-w", "{file}", "{text}");

    public HomeSettings {
        if (checkInFrom == null) {
            throw new IllegalArgumentException("home.checkin-from is required");
        }
        reminders = reminders.stream().sorted().distinct().toList();
        nameVoice = List.copyOf(nameVoice);
        if (!nameVoice.isEmpty() && (!nameVoice.contains("{file}") || !nameVoice.contains("{text}"))) {
            throw new IllegalArgumentException("home.name-voice must contain {file} and {text} as words, was "
                    + String.join(" ", nameVoice));
        }
    }

    /** The lamp from 07:00, reminders at 09:00 and 16:00, emergencies only, the name by espeak-ng. */
    public static HomeSettings defaults() {
        return new HomeSettings(LocalTime.of(7, 0), List.of(LocalTime.of(9, 0), LocalTime.of(16, 0)), false, ESPEAK);
    }

    /** The settings from the {@code home.*} keys of {@code values}; other keys are ignored. */
    public static HomeSettings from(Map<String, String> values) {
        HomeSettings d = defaults();
        LocalTime from = values.containsKey("home.checkin-from")
                ? time(values.get("home.checkin-from"), "home.checkin-from") : d.checkInFrom();
        List<LocalTime> reminders = d.reminders();
        if (values.containsKey("home.reminders")) {
            reminders = new ArrayList<>();
            String list = values.get("home.reminders").strip();
            if (!list.isEmpty() && !list.equalsIgnoreCase("none")) {
                for (String word : list.split("[,，]")) {
                    reminders.add(time(word, "home.reminders"));
                }
            }
        }
        boolean normal = d.announceNormal();
        if (values.containsKey("home.announce-normal")) {
            normal = switch (values.get("home.announce-normal").strip().toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on", "1" -> true;
                case "false", "no", "off", "0" -> false;
                default -> throw new IllegalArgumentException("home.announce-normal must be true or false, was '"
                        + values.get("home.announce-normal") + "'");
            };
        }
        List<String> voice = d.nameVoice();
        if (values.containsKey("home.name-voice")) {
            String command = values.get("home.name-voice").strip();
            voice = command.isEmpty() || command.equalsIgnoreCase("none") ? List.of()
                    : Arrays.asList(command.split("\\s+"));
        }
        return new HomeSettings(from, reminders, normal, voice);
    }

    /** Where a recording of the resident's name is looked for first: {@code DATA/prompts/resident-name.wav}. */
    public static Path recordedName(Path dataDir) {
        return dataDir.resolve("prompts").resolve("resident-name.wav");
    }

    private static LocalTime time(String value, String key) {
        try {
            return LocalTime.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(key + " must be times of day such as 07:30, was '" + value.strip()
                    + "'", e);
        }
    }
}
