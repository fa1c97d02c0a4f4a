/**
 * Who is calling: staff users with passwords and sessions, kiosks with their tokens, and the
 * role rules (ADMIN everything; STAFF all villages but no user or kiosk administration; CADRE only
 * their own village). Tokens are random and stored only as SHA-256 hashes; never log one.
 */
package org.courtyard.hub.auth;
