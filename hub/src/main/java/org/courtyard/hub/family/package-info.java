/**
 * 空中陪护: the family far away. Family contacts of residents and their invitations, PINs and
 * sessions ({@link org.courtyard.hub.family.FamilyContacts}); voice messages both ways, their audio,
 * what kiosks get of them and how long they are kept ({@link org.courtyard.hub.family.FamilyMessages},
 * {@link org.courtyard.hub.family.MessagesPart}); and what the family page shows of a resident's day
 * ({@link org.courtyard.hub.family.FamilyDay}). See docs/family.md.
 */
package org.courtyard.hub.family;
