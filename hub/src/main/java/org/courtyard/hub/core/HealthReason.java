package org.courtyard.hub.core;

/**
 * One reason why {@code /healthz} says {@code degraded}: a stable {@code code} for programs and
 * the staff page's banner, and a {@code message} in English for operators. Each part of the hub
 * that can fail quietly (storage, webhook receivers) reports its own.
 */
public record HealthReason(String code, String message) {
}
