package org.courtyard.hub.notify.internal;

/**
 * Why a group robot refuses every message until someone changes its configuration. The staff page
 * says what to do for each.
 */
public enum Problem {
    /** WeCom 93000, DingTalk 300001/300005: the key or access token in the URL is wrong or the robot was removed. */
    INVALID_KEY,
    /** DingTalk 310000 "sign not match": {@code webhook.N.secret} is not the robot's 加签 secret. */
    BAD_SIGNATURE,
    /** DingTalk 310000 "invalid timestamp": the hub's clock is more than an hour off. */
    BAD_TIMESTAMP,
    /** DingTalk 310000 "keywords not in content": the robot is secured with keywords; use 加签 instead. */
    KEYWORD,
    /** DingTalk 310000 "ip … not in whitelist": the hub's address is not in the robot's IP list. */
    IP_NOT_ALLOWED
}
