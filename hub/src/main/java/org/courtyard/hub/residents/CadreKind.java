package org.courtyard.hub.residents;

/** Who a paired person is: a cadre (干部) or a party member (党员). */
public enum CadreKind {
    CADRE,
    PARTY_MEMBER
}
