package org.courtyard.hub.notify;

import java.util.Locale;

/** The body a webhook receives, and how the hub reads its answer. */
public enum WebhookFormat {
    /** {@code {"event":"help.new","request":HELP}}; any 2xx answer is delivery. */
    JSON,
    /**
     * A WeCom (企业微信) group robot text message: {@code {"msgtype":"text","text":{"content":"..."}}};
     * delivered only when the answer's {@code errcode} is 0.
     */
    WECOM,
    /**
     * A DingTalk (钉钉) custom robot text message with {@code at.atMobiles}, signed with the robot's
     * secret; delivered only when the answer's {@code errcode} is 0.
     */
    DINGTALK;

    /** Group robots: a message budget per minute, a byte limit, errcodes in the answer, digests. */
    public boolean isRobot() {
        return this != JSON;
    }

    /** The word in {@code webhook.N.format} and in the API. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static WebhookFormat fromConfig(String word) {
        try {
            return valueOf(word.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown webhook format '" + word + "' (known: json, wecom, dingtalk)",
                    e);
        }
    }
}
