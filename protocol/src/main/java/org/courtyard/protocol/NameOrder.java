package org.courtyard.protocol;

import java.text.Collator;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one order of people's names in Courtyard: by pinyin, as the JDK's collator for simplified
 * Chinese sorts them (陈 before 李 before 王 before 张; a tone or a stroke only breaks ties). The
 * kiosk's tiles, the hub's lists and the staff page all show people in this order: the kiosk sorts
 * with {@link #NAMES}; the hub sorts its answers with it and pages in SQL by {@link #sortKey},
 * stored beside each name; the staff page keeps the hub's order and never sorts names itself
 * (a browser's collator differs on rarer characters).
 *
 * <p>村民小组 have their own order, {@link #GROUPS}: numbered groups by their number (一组, 二组 …
 * 十一组, 第12组, 13组), then named ones (两河组, 大寨组) by pinyin.
 */
public final class NameOrder {

    /** Pinyin order of names, then code points, so that different names never compare equal. */
    public static final Comparator<String> NAMES = NameOrder::compareNames;

    /** 村民小组: numbered ones by number (一组 … 十二组, 13组), then named ones by pinyin. */
    public static final Comparator<String> GROUPS = Comparator.comparingInt(NameOrder::groupNumber)
            .thenComparing(NAMES);

    private static final Collator COLLATOR = Collator.getInstance(Locale.SIMPLIFIED_CHINESE);
    /** A numbered group: 三组, 第十二组, 3组, 五村民小组, 二队, 四社; not a place name such as 两河组. */
    private static final Pattern NUMBERED = Pattern.compile("第?([0-9]{1,6}|[零〇一二三四五六七八九十百]+)(村民小组|小组|组|队|社)");
    private static final String DIGITS = "零一二三四五六七八九";

    private NameOrder() {
    }

    /**
     * A string whose plain (code point, byte or SQL {@code ORDER BY}) order is the order of
     * {@link #NAMES}: the collation key in hex, then the name itself for ties.
     */
    public static String sortKey(String name) {
        byte[] key;
        synchronized (COLLATOR) {
            key = COLLATOR.getCollationKey(name).toByteArray();
        }
        return HexFormat.of().formatHex(key) + "|" + name;
    }

    private static int compareNames(String a, String b) {
        int order;
        synchronized (COLLATOR) {
            order = COLLATOR.compare(a, b);
        }
        return order != 0 ? order : a.compareTo(b);
    }

    /** The number of a numbered group (三组 → 3, 第12组 → 12), or {@link Integer#MAX_VALUE} for a named one. */
    static int groupNumber(String group) {
        Matcher matcher = NUMBERED.matcher(group.strip());
        if (!matcher.matches()) {
            return Integer.MAX_VALUE;
        }
        String number = matcher.group(1);
        return Character.isDigit(number.charAt(0)) ? Integer.parseInt(number) : chinese(number.replace('〇', '零'));
    }

    /** 三 → 3, 十一 → 11, 二十 → 20, 一百零二 → 102; up to 999. */
    private static int chinese(String number) {
        int total = 0;
        int digit = 0;
        for (char c : number.toCharArray()) {
            int value = DIGITS.indexOf(c);
            if (value >= 0) {
                digit = value;
            } else if (c == '十') {
                total += (digit == 0 ? 1 : digit) * 10;
                digit = 0;
            } else if (c == '百') {
                total += (digit == 0 ? 1 : digit) * 100;
                digit = 0;
            }
        }
        return total + digit;
    }
}
