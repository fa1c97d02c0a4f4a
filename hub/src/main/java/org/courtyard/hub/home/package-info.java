/**
 * Home units (居家呼叫器): a kiosk of kind HOME bound to one resident. Which residents a unit may be
 * bound to, what a unit gets in its sync answers (its resident's card, never a roster), the
 * offline alert 「居家呼叫器离线」 to the resident's paired cadres, and the staff's list of units.
 */
package org.courtyard.hub.home;
