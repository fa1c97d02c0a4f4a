/**
 * The home unit's own feature (居家呼叫器, {@code --profile home}): the resident it is bound to, as
 * the hub's sync answer names them; the green 报平安 button, its lamp and the spoken reminders; the
 * resident's name spoken in the unit's thanks and reminders. Help, voice, announcements, sync and
 * health are the kiosk's own code, assembled by {@link org.courtyard.kiosk.HomeUnit}.
 */
package org.courtyard.kiosk.home;
