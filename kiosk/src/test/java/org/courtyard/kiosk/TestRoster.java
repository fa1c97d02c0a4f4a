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

    /** Seven residents of 和平村 (more than one page of tiles anywhere), none with a photo yet. */
    /** Stores the test roster (residents and cadres) in the kiosk database in {@code dataDir}, as a sync would. */
    public static void seed(java.nio.file.Path dataDir) {
        try (KioskStore store = KioskStore.open(dataDir)) {
            new CheckInStore(store).replaceResidents(residents());
            new CadreStore(store).replaceCadres(cadres());
        }
    }

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
