package org.courtyard.kiosk;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.courtyard.kiosk.cadre.CadreStore;
import org.courtyard.kiosk.checkin.CheckInStore;
import org.courtyard.kiosk.store.KioskStore;
import org.courtyard.protocol.CadreCard;
import org.courtyard.protocol.ResidentCard;
import org.courtyard.protocol.ResidentType;

/** A village roster as the hub sends it, for kiosk tests: residents and cadres with real PIN hashes. */
public final class TestRoster {

    public static final String CADRE_PIN = "2468";

    private TestRoster() {
    }

    /** Stores the test roster (residents and cadres) in the kiosk database in {@code dataDir}, as a sync would. */
    public static void seed(java.nio.file.Path dataDir) {
        seed(dataDir, residents());
    }

    /** Stores {@code residents} and the test cadres in the kiosk database in {@code dataDir}, as a sync would. */
    public static void seed(java.nio.file.Path dataDir, List<ResidentCard> residents) {
        try (KioskStore store = KioskStore.open(dataDir)) {
            new CheckInStore(store).replaceResidents(residents);
            new CadreStore(store).replaceCadres(cadres());
        }
    }

    /** Seven residents of 和平村 in no 村民小组 (more than one page of tiles anywhere), none with a photo yet. */
    public static List<ResidentCard> residents() {
        return List.of(
                new ResidentCard("r-zhangguiy", "张桂英", ResidentType.ELDER, null),
                new ResidentCard("r-wangdefuu", "王德福", ResidentType.ELDER, null),
                new ResidentCard("r-chenxiula", "陈秀兰", ResidentType.ELDER, null),
                new ResidentCard("r-lixiaojun", "李小军", ResidentType.CHILD, null),
                new ResidentCard("r-zhaoxiaoy", "赵小雨", ResidentType.CHILD, null),
                new ResidentCard("r-ouyangxiu", "欧阳秀英", ResidentType.ELDER, null),
                new ResidentCard("r-sundamaaa", "孙大妈", ResidentType.ELDER, null));
    }

    /** How many people each 村民小组 of {@link #village()} has: 一组 24, 二组 9, … and 8 in none. */
    public static final List<Integer> GROUP_SIZES = List.of(24, 9, 21, 15, 30, 12, 18, 11, 19, 14, 19);

    private static final String SURNAMES = "李王张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏";
    private static final String GIVEN = "桂英德福秀兰小军雨明华建国玉珍凤芝春梅海涛志强丽娟金花永红文清";
    private static final String[] GROUPS = {"一组", "二组", "三组", "四组", "五组", "六组", "七组", "八组", "九组", "十组",
        "十一组"};

    /**
     * A village of 200 residents as big ones are: eleven 村民小组 of 9 to 30 people ({@link #GROUP_SIZES})
     * and 8 in none, two- and three-character names (every one different, many sharing a surname),
     * elders and children, none with a photo. The same every time.
     */
    public static List<ResidentCard> village() {
        List<ResidentCard> out = new java.util.ArrayList<>();
        java.util.Set<String> names = new java.util.HashSet<>();
        int n = 0;
        for (int g = 0; g <= GROUPS.length; g++) {
            int size = g < GROUPS.length ? GROUP_SIZES.get(g) : 200 - GROUP_SIZES.stream().mapToInt(i -> i).sum();
            for (int i = 0; i < size; i++, n++) {
                String name;
                int k = n;
                do {
                    char surname = SURNAMES.charAt((k * 7) % SURNAMES.length());
                    char first = GIVEN.charAt((k * 11) % GIVEN.length());
                    char second = GIVEN.charAt((k * 5 + 3) % GIVEN.length());
                    name = k % 3 == 0 ? "" + surname + first : "" + surname + first + second;
                    k += 41;
                } while (!names.add(name));
                out.add(new ResidentCard(String.format("r-v%03d", n), name,
                        n % 4 == 3 ? ResidentType.CHILD : ResidentType.ELDER, null, g < GROUPS.length ? GROUPS[g] : null));
            }
        }
        return out;
    }

    /** 李建华 with {@link #CADRE_PIN} and 王芳 with 1357. */
    public static List<CadreCard> cadres() {
        return List.of(new CadreCard("c-lijianhua", "李建华", "和平村", hash(CADRE_PIN)),
                new CadreCard("c-wangfang2", "王芳", "和平村", hash("1357")));
    }

    /** A PIN hash in the hub's form, with few iterations so tests stay quick. */
    public static String hash(String pin) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        int iterations = 1000;
        try {
            byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(pin.toCharArray(), salt, iterations, 256)).getEncoded();
            return "pbkdf2-sha256$" + iterations + "$" + Base64.getEncoder().encodeToString(salt) + "$"
                    + Base64.getEncoder().encodeToString(hash);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
