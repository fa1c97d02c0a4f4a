package org.courtyard.protocol;

/** Who a resident of a happiness courtyard is: an empty-nest elder or a left-behind child. */
public enum ResidentType {
    /** 空巢老人: an elder living without their grown children nearby. */
    ELDER,
    /** 留守儿童: a child whose parents work away from the village. */
    CHILD
}
