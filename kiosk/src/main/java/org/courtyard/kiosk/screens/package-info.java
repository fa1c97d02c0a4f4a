/**
 * The elder's screens that belong to no single feature: home, opening 求助/报平安/听通知 with their
 * spoken prompt, playing an announcement from the screen, 再说一遍.
 */
package org.courtyard.kiosk.screens;
