package org.courtyard.hub.care;

/** What an organisation is: a party organisation (党支部, 党委) or a government department (部门). */
public enum OrganisationKind {
    PARTY_BRANCH,
    DEPARTMENT
}
