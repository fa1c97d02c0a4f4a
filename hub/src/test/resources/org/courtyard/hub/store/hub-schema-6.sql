PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE schema_version (
  version INTEGER PRIMARY KEY,
  description VARCHAR(200) NOT NULL,
  applied_at BIGINT NOT NULL
);
INSERT INTO schema_version VALUES(1,'users, sessions, kiosks, events, help requests, webhook outbox',1796614789528);
INSERT INTO schema_version VALUES(2,'announcements, their changes and delivery board',1796614789535);
INSERT INTO schema_version VALUES(3,'voice memos of help requests',1796614789548);
INSERT INTO schema_version VALUES(4,'residents, cadres, pairings, check-ins, visits, check-in alerts, roster changes',1796614789571);
INSERT INTO schema_version VALUES(5,'audit log of staff actions',1796614789590);
INSERT INTO schema_version VALUES(6,'kiosk enrolment codes; when a kiosk was found silent',1796614789592);
CREATE TABLE users (
  username VARCHAR(64) PRIMARY KEY,
  password_hash VARCHAR(200) NOT NULL,
  role VARCHAR(16) NOT NULL,
  village VARCHAR(100),
  display_name VARCHAR(100),
  created_at BIGINT NOT NULL
);
INSERT INTO users VALUES('admin','pbkdf2-sha256$210000$OT4LuvdkA8ggHJALSbkIog==$WALt5jf3QPF/X/mW1G8uyEObzpkh1OmnDZoDGyHT7bY=','ADMIN',NULL,NULL,1795946400000);
INSERT INTO users VALUES('wang','pbkdf2-sha256$210000$tml33I7Hhb5qlrnIdsiA5g==$wgfJ4pe5tk9cnXA9T/BFUqDVLmAmBnbbelU8d3sTPMs=','STAFF',NULL,NULL,1795946400000);
INSERT INTO users VALUES('li','pbkdf2-sha256$210000$taWVvT6cYBtmn4T3bqnVyw==$JVMT3l/et/6ljVUDOOeXGvIxjhNosuf2G3i5JD2/Q60=','CADRE','和平村','李建华',1795946400000);
CREATE TABLE sessions (
  token_hash VARCHAR(64) PRIMARY KEY,
  username VARCHAR(64) NOT NULL REFERENCES users(username) ON DELETE CASCADE,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
INSERT INTO sessions VALUES('e23204152e14fe98f639f7e55845ba0b1e228a36c1480df6dc7923e91c2c3396','admin',1795946400000,1795989600000);
INSERT INTO sessions VALUES('432d741fec33fe96f979b185d95c557fcd4dfe361f206b250674fbb34716373b','wang',1795946400000,1795989600000);
CREATE TABLE kiosks (
  id VARCHAR(16) PRIMARY KEY,
  name VARCHAR(100) NOT NULL,
  village VARCHAR(100) NOT NULL,
  token_hash VARCHAR(64) NOT NULL UNIQUE,
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT,
  last_heartbeat TEXT,
  last_heartbeat_at BIGINT
, silent_since BIGINT);
INSERT INTO kiosks VALUES('k-9fet6enn','和平村幸福小院','和平村','6ce25b9ca2c77ccf599d57cc7a7286dfba0716f5984697f735dfb451794859c5',1795946400000,1795946400000,'{"version":"0.1.0","uptimeSeconds":60,"outbox":0,"voice":"ok","speaker":"ok","diskFreeMb":null,"temperatureC":null,"power":null,"selfTest":null}',1795946400000,1795946400000);
INSERT INTO kiosks VALUES('k-j6agkkrv','大村活动室','大村','aa03fbc1af1cdc82cacfb76136b5e7fa2a65ed323c50ce25fd6b1f792e43256f',1795946400000,1795946400000,NULL,NULL,1795946400000);
CREATE TABLE events (
  id VARCHAR(36) PRIMARY KEY,
  kiosk_id VARCHAR(16) NOT NULL REFERENCES kiosks(id),
  type VARCHAR(32) NOT NULL,
  occurred_at BIGINT NOT NULL,
  clock_trusted BOOLEAN NOT NULL,
  received_at BIGINT NOT NULL,
  payload TEXT NOT NULL
);
INSERT INTO events VALUES('a0d10459-4d72-4d7c-9790-cdfcaf058239','k-9fet6enn','HELP_REQUESTED',1795946400000,1,1795946400000,'{"source":"BUTTON","category":"MEDICAL","residentId":null,"transcript":null}');
INSERT INTO events VALUES('840db602-abb2-487e-8ea2-b20fff0ad58e','k-9fet6enn','HEARTBEAT',1795946400000,1,1795946400000,'{"version":"0.1.0","uptimeSeconds":60,"outbox":0,"voice":"ok","speaker":"ok","diskFreeMb":null,"temperatureC":null,"power":null,"selfTest":null}');
INSERT INTO events VALUES('eec68d3b-2a1d-43ee-99fc-21800a097a82','k-9fet6enn','CHECKED_IN',1795946400000,1,1795946400000,'{"residentId":"r-79tdtafc"}');
INSERT INTO events VALUES('a7b77893-029b-4c9a-854a-9cf762cb1955','k-9fet6enn','VISIT_CHECKED_IN',1795946400000,1,1795946400000,'{"cadre":"李建华","residentId":"r-vjh9fn58","note":"上门看望"}');
INSERT INTO events VALUES('5122eb88-758e-4cce-9cd2-de34cd24eaad','k-j6agkkrv','HELP_REQUESTED',1795946400000,1,1795946400000,'{"source":"BUTTON","category":"MEDICAL","residentId":null,"transcript":null}');
INSERT INTO events VALUES('f755d617-4ae0-428b-9ffb-e175fa4732d0','k-9fet6enn','HELP_DETAILS',1795946400000,1,1795946400000,'{"requestId":"a0d10459-4d72-4d7c-9790-cdfcaf058239","category":"DAILY"}');
INSERT INTO events VALUES('1be3eecb-9e43-4a19-ba0a-aa07b9c40212','k-9fet6enn','AUDIO_DOWNLOADED',1795946400000,1,1795946400000,'{"announcementId":"a-jgfkqfyj","sha256":"966d6b5ef3fb016c2775d8a1d126b4349eee994e01b425dc21bf0f1ddf2603d7"}');
INSERT INTO events VALUES('84065c94-f2ca-4068-bc43-22ab40692bb0','k-9fet6enn','ANNOUNCEMENT_PLAYED',1795946405000,1,1795946400000,'{"announcementId":"a-jgfkqfyj","startedAt":"2026-11-29T10:00:00Z","endedAt":"2026-11-29T10:00:05Z","outcome":"PLAYED","detail":null}');
CREATE TABLE help_requests (
  id VARCHAR(36) PRIMARY KEY REFERENCES events(id),
  kiosk_id VARCHAR(16) NOT NULL REFERENCES kiosks(id),
  village VARCHAR(100) NOT NULL,
  status VARCHAR(16) NOT NULL,
  source VARCHAR(16) NOT NULL,
  category VARCHAR(16),
  resident_id VARCHAR(100),
  transcript TEXT,
  occurred_at BIGINT NOT NULL,
  received_at BIGINT NOT NULL,
  clock_trusted BOOLEAN NOT NULL,
  acknowledged_by VARCHAR(100),
  assignee VARCHAR(100),
  updated_at BIGINT NOT NULL,
  overdue_at BIGINT
);
INSERT INTO help_requests VALUES('a0d10459-4d72-4d7c-9790-cdfcaf058239','k-9fet6enn','和平村','ASSIGNED','BUTTON','DAILY',NULL,NULL,1795946400000,1795946400000,1,'wang','李建华',1795946400000,NULL);
INSERT INTO help_requests VALUES('5122eb88-758e-4cce-9cd2-de34cd24eaad','k-j6agkkrv','大村','NEW','BUTTON','MEDICAL',NULL,NULL,1795946400000,1795946400000,1,NULL,NULL,1795946400000,1796205600000);
CREATE TABLE help_history (
  seq INTEGER PRIMARY KEY,
  request_id VARCHAR(36) NOT NULL REFERENCES help_requests(id),
  kiosk_id VARCHAR(16) NOT NULL,
  status VARCHAR(16) NOT NULL,
  by_name VARCHAR(100),
  assignee VARCHAR(100),
  note TEXT,
  changed_at BIGINT NOT NULL
);
INSERT INTO help_history VALUES(1,'a0d10459-4d72-4d7c-9790-cdfcaf058239','k-9fet6enn','NEW','kiosk',NULL,NULL,1795946400000);
INSERT INTO help_history VALUES(2,'5122eb88-758e-4cce-9cd2-de34cd24eaad','k-j6agkkrv','NEW','kiosk',NULL,NULL,1795946400000);
INSERT INTO help_history VALUES(3,'a0d10459-4d72-4d7c-9790-cdfcaf058239','k-9fet6enn','ACKNOWLEDGED','wang',NULL,'note for ACKNOWLEDGED',1795946400000);
INSERT INTO help_history VALUES(4,'a0d10459-4d72-4d7c-9790-cdfcaf058239','k-9fet6enn','ASSIGNED','wang','李建华','note for ASSIGNED',1795946400000);
CREATE TABLE webhook_outbox (
  id INTEGER PRIMARY KEY,
  event VARCHAR(32) NOT NULL,
  url TEXT NOT NULL,
  body TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  next_attempt_at BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  delivered_at BIGINT,
  failed_at BIGINT,
  last_error TEXT
);
INSERT INTO webhook_outbox VALUES(1,'help.new','http://127.0.0.1:9/hook','{"event":"help.new","request":{"id":"a0d10459-4d72-4d7c-9790-cdfcaf058239","kioskId":"k-9fet6enn","village":"和平村","status":"NEW","source":"BUTTON","category":"MEDICAL","residentId":null,"transcript":null,"hasVoiceMemo":false,"occurredAt":"2026-11-29T10:00:00Z","receivedAt":"2026-11-29T10:00:00Z","clockTrusted":true,"acknowledgedBy":null,"assignee":null,"updatedAt":"2026-11-29T10:00:00Z","history":[],"kioskName":"和平村幸福小院","overdue":false,"overdueAt":null,"voiceMemo":null}}',2,1796205620000,1795946400000,NULL,NULL,'ConnectException');
INSERT INTO webhook_outbox VALUES(2,'help.new','http://127.0.0.1:9/hook','{"event":"help.new","request":{"id":"5122eb88-758e-4cce-9cd2-de34cd24eaad","kioskId":"k-j6agkkrv","village":"大村","status":"NEW","source":"BUTTON","category":"MEDICAL","residentId":null,"transcript":null,"hasVoiceMemo":false,"occurredAt":"2026-11-29T10:00:00Z","receivedAt":"2026-11-29T10:00:00Z","clockTrusted":true,"acknowledgedBy":null,"assignee":null,"updatedAt":"2026-11-29T10:00:00Z","history":[],"kioskName":"大村活动室","overdue":false,"overdueAt":null,"voiceMemo":null}}',2,1796205620000,1795946400000,NULL,NULL,'ConnectException');
INSERT INTO webhook_outbox VALUES(3,'checkin.missed','http://127.0.0.1:9/hook','{"event":"checkin.missed","alert":{"id":1,"residentId":"r-vjh9fn58","name":"李小明","village":"和平村","type":"CHILD","checkInEveryDays":1,"lastCheckInAt":null,"dueDate":"2026-11-30","raisedAt":"2026-12-02T10:00:00Z","clearedAt":null,"clearedBy":null,"clearReason":null,"cadres":[]},"cadres":[]}',1,1796205610000,1796205600000,NULL,NULL,'ConnectException');
INSERT INTO webhook_outbox VALUES(4,'checkin.missed','http://127.0.0.1:9/hook','{"event":"checkin.missed","alert":{"id":2,"residentId":"r-79tdtafc","name":"王德福","village":"和平村","type":"ELDER","checkInEveryDays":1,"lastCheckInAt":"2026-11-29T10:00:00Z","dueDate":"2026-11-30","raisedAt":"2026-12-02T10:00:00Z","clearedAt":null,"clearedBy":null,"clearReason":null,"cadres":[]},"cadres":[]}',1,1796205610000,1796205600000,NULL,NULL,'ConnectException');
INSERT INTO webhook_outbox VALUES(5,'checkin.missed','http://127.0.0.1:9/hook','{"event":"checkin.missed","alert":{"id":3,"residentId":"r-wytj37kn","name":"张秀英","village":"大村","type":"ELDER","checkInEveryDays":1,"lastCheckInAt":null,"dueDate":"2026-11-30","raisedAt":"2026-12-02T10:00:00Z","clearedAt":null,"clearedBy":null,"clearReason":null,"cadres":[]},"cadres":[]}',1,1796205610000,1796205600000,NULL,NULL,'ConnectException');
INSERT INTO webhook_outbox VALUES(6,'help.overdue','http://127.0.0.1:9/hook','{"event":"help.overdue","request":{"id":"5122eb88-758e-4cce-9cd2-de34cd24eaad","kioskId":"k-j6agkkrv","village":"大村","status":"NEW","source":"BUTTON","category":"MEDICAL","residentId":null,"transcript":null,"hasVoiceMemo":false,"occurredAt":"2026-11-29T10:00:00Z","receivedAt":"2026-11-29T10:00:00Z","clockTrusted":true,"acknowledgedBy":null,"assignee":null,"updatedAt":"2026-11-29T10:00:00Z","history":[],"kioskName":"大村活动室","overdue":true,"overdueAt":"2026-12-02T10:00:00Z","voiceMemo":null}}',1,1796205610000,1796205600000,NULL,NULL,'ConnectException');
INSERT INTO webhook_outbox VALUES(7,'kiosk.silent','http://127.0.0.1:9/hook','{"event":"kiosk.silent","kiosk":{"id":"k-9fet6enn","name":"和平村幸福小院","village":"和平村","lastSeenAt":"2026-11-29T10:00:00Z","lastHeartbeat":{"version":"0.1.0","uptimeSeconds":60,"outbox":0,"voice":"ok","speaker":"ok","diskFreeMb":null,"temperatureC":null,"power":null,"selfTest":null},"lastHeartbeatAt":"2026-11-29T10:00:00Z","online":false,"silentSince":"2026-11-29T10:00:00Z"}}',1,1796205610000,1796205600000,NULL,NULL,'ConnectException');
INSERT INTO webhook_outbox VALUES(8,'kiosk.silent','http://127.0.0.1:9/hook','{"event":"kiosk.silent","kiosk":{"id":"k-j6agkkrv","name":"大村活动室","village":"大村","lastSeenAt":"2026-11-29T10:00:00Z","lastHeartbeat":null,"lastHeartbeatAt":null,"online":false,"silentSince":"2026-11-29T10:00:00Z"}}',1,1796205610000,1796205600000,NULL,NULL,'ConnectException');
CREATE TABLE announcements (
  id VARCHAR(16) PRIMARY KEY,
  title VARCHAR(200) NOT NULL,
  body TEXT,
  priority VARCHAR(16) NOT NULL,
  outdoor BOOLEAN NOT NULL,
  targets TEXT NOT NULL,
  starts_at BIGINT NOT NULL,
  ends_at BIGINT,
  repeat_daily VARCHAR(200) NOT NULL,
  audio_sha256 VARCHAR(64),
  audio_bytes BIGINT,
  audio_duration_ms BIGINT,
  revision INTEGER NOT NULL,
  change_seq BIGINT NOT NULL,
  created_by VARCHAR(64) NOT NULL,
  created_at BIGINT NOT NULL,
  updated_by VARCHAR(64) NOT NULL,
  updated_at BIGINT NOT NULL,
  withdrawn_by VARCHAR(64),
  withdrawn_at BIGINT
);
INSERT INTO announcements VALUES('a-jgfkqfyj','通知','通知：请各位村民相互转告。','NORMAL',1,'{"all":true}',1795946400000,NULL,'','966d6b5ef3fb016c2775d8a1d126b4349eee994e01b425dc21bf0f1ddf2603d7',25644,800,2,2,'wang',1795946400000,'wang',1795946400000,NULL,NULL);
CREATE TABLE announcement_changes (
  seq INTEGER PRIMARY KEY,
  announcement_id VARCHAR(16) NOT NULL REFERENCES announcements(id),
  revision INTEGER NOT NULL,
  changed_by VARCHAR(64) NOT NULL,
  changed_at BIGINT NOT NULL
);
INSERT INTO announcement_changes VALUES(1,'a-jgfkqfyj',1,'wang',1795946400000);
INSERT INTO announcement_changes VALUES(2,'a-jgfkqfyj',2,'wang',1795946400000);
CREATE TABLE announcement_deliveries (
  announcement_id VARCHAR(16) NOT NULL REFERENCES announcements(id),
  kiosk_id VARCHAR(16) NOT NULL REFERENCES kiosks(id),
  delivered_at BIGINT,
  delivered_revision INTEGER,
  downloaded_at BIGINT,
  downloaded_sha256 VARCHAR(64),
  played_at BIGINT,
  outcome VARCHAR(16),
  detail TEXT,
  outcome_at BIGINT,
  plays INTEGER NOT NULL,
  PRIMARY KEY (announcement_id, kiosk_id)
);
INSERT INTO announcement_deliveries VALUES('a-jgfkqfyj','k-9fet6enn',1795946400000,2,1795946400000,'966d6b5ef3fb016c2775d8a1d126b4349eee994e01b425dc21bf0f1ddf2603d7',1795946400000,'PLAYED',NULL,1795946405000,1);
CREATE TABLE voice_memos (
  request_id VARCHAR(36) PRIMARY KEY REFERENCES help_requests(id),
  sha256 VARCHAR(64) NOT NULL,
  bytes BIGINT NOT NULL,
  duration_ms BIGINT NOT NULL,
  transcript TEXT,
  received_at BIGINT NOT NULL
);
INSERT INTO voice_memos VALUES('a0d10459-4d72-4d7c-9790-cdfcaf058239','7a1d99bff86d857b8a828a5f303eac1c9fb0d7bced0361e581810d44433f6c8b',16044,500,'abc',1795946400000);
CREATE TABLE residents (
  id VARCHAR(16) PRIMARY KEY,
  village VARCHAR(100) NOT NULL,
  name VARCHAR(50) NOT NULL,
  type VARCHAR(8) NOT NULL,
  tags TEXT NOT NULL,
  check_in_every_days INTEGER,
  expect_since BIGINT NOT NULL,
  phone VARCHAR(20),
  address VARCHAR(200),
  guardian VARCHAR(50),
  guardian_phone VARCHAR(20),
  parents_workplace VARCHAR(100),
  parents_phone VARCHAR(20),
  school VARCHAR(100),
  school_class VARCHAR(50),
  head_teacher VARCHAR(50),
  note VARCHAR(500),
  photo_sha256 VARCHAR(64),
  photo_bytes INTEGER,
  active BOOLEAN NOT NULL,
  paused_until VARCHAR(10),
  pause_note VARCHAR(500),
  paused_by VARCHAR(100),
  paused_at BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
INSERT INTO residents VALUES('r-79tdtafc','和平村','王德福','ELDER','[]',1,1795946400000,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,1,NULL,NULL,NULL,NULL,1795946400000,1795946400000);
INSERT INTO residents VALUES('r-vjh9fn58','和平村','李小明','CHILD','[]',1,1795946400000,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,1,NULL,NULL,NULL,NULL,1795946400000,1795946400000);
INSERT INTO residents VALUES('r-wytj37kn','大村','张秀英','ELDER','[]',1,1795946400000,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,1,NULL,NULL,NULL,NULL,1795946400000,1795946400000);
CREATE TABLE cadres (
  id VARCHAR(16) PRIMARY KEY,
  village VARCHAR(100) NOT NULL,
  name VARCHAR(50) NOT NULL,
  phone VARCHAR(20),
  pin_hash VARCHAR(200),
  username VARCHAR(64) REFERENCES users(username),
  active BOOLEAN NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
INSERT INTO cadres VALUES('c-6684anz5','和平村','李建华','13812345678','pbkdf2-sha256$20000$Ctxv65liyduANvEUIijVlg==$q90De7Yu9l0axVi3fGugDcVCyst/EA9TGZh0VM0E7Tg=',NULL,1,1795946400000,1795946400000);
CREATE TABLE pairings (
  resident_id VARCHAR(16) NOT NULL REFERENCES residents(id),
  cadre_id VARCHAR(16) NOT NULL REFERENCES cadres(id),
  PRIMARY KEY (resident_id, cadre_id)
);
CREATE TABLE check_ins (
  event_id VARCHAR(36) PRIMARY KEY REFERENCES events(id),
  resident_id VARCHAR(16) NOT NULL REFERENCES residents(id),
  kiosk_id VARCHAR(16) NOT NULL REFERENCES kiosks(id),
  village VARCHAR(100) NOT NULL,
  checked_in_at BIGINT NOT NULL,
  occurred_at BIGINT NOT NULL,
  received_at BIGINT NOT NULL,
  clock_trusted BOOLEAN NOT NULL
);
INSERT INTO check_ins VALUES('eec68d3b-2a1d-43ee-99fc-21800a097a82','r-79tdtafc','k-9fet6enn','和平村',1795946400000,1795946400000,1795946400000,1);
CREATE TABLE visits (
  event_id VARCHAR(36) PRIMARY KEY REFERENCES events(id),
  resident_id VARCHAR(16) NOT NULL REFERENCES residents(id),
  kiosk_id VARCHAR(16) NOT NULL REFERENCES kiosks(id),
  village VARCHAR(100) NOT NULL,
  cadre VARCHAR(100) NOT NULL,
  note TEXT,
  visited_at BIGINT NOT NULL,
  occurred_at BIGINT NOT NULL,
  received_at BIGINT NOT NULL,
  clock_trusted BOOLEAN NOT NULL
);
INSERT INTO visits VALUES('a7b77893-029b-4c9a-854a-9cf762cb1955','r-vjh9fn58','k-9fet6enn','和平村','李建华','上门看望',1795946400000,1795946400000,1795946400000,1);
CREATE TABLE check_in_alerts (
  id INTEGER PRIMARY KEY,
  resident_id VARCHAR(16) NOT NULL REFERENCES residents(id),
  village VARCHAR(100) NOT NULL,
  last_check_in_at BIGINT,
  due_date VARCHAR(10) NOT NULL,
  raised_at BIGINT NOT NULL,
  cleared_at BIGINT,
  cleared_by VARCHAR(100),
  clear_reason VARCHAR(16)
);
INSERT INTO check_in_alerts VALUES(1,'r-vjh9fn58','和平村',NULL,'2026-11-30',1796205600000,NULL,NULL,NULL);
INSERT INTO check_in_alerts VALUES(2,'r-79tdtafc','和平村',1795946400000,'2026-11-30',1796205600000,NULL,NULL,NULL);
INSERT INTO check_in_alerts VALUES(3,'r-wytj37kn','大村',NULL,'2026-11-30',1796205600000,NULL,NULL,NULL);
CREATE TABLE roster_changes (
  seq INTEGER PRIMARY KEY,
  village VARCHAR(100) NOT NULL,
  changed_at BIGINT NOT NULL
);
INSERT INTO roster_changes VALUES(1,'和平村',1795946400000);
INSERT INTO roster_changes VALUES(2,'和平村',1795946400000);
INSERT INTO roster_changes VALUES(3,'和平村',1795946400000);
INSERT INTO roster_changes VALUES(4,'大村',1795946400000);
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY,
  at BIGINT NOT NULL,
  username VARCHAR(64) NOT NULL,
  action VARCHAR(64) NOT NULL,
  target VARCHAR(200),
  detail TEXT,
  address VARCHAR(64) NOT NULL
);
INSERT INTO audit_log VALUES(1,1795946400000,'admin','login',NULL,NULL,'127.0.0.1');
INSERT INTO audit_log VALUES(2,1795946400000,'admin','kiosk.create','k-9fet6enn','name=和平村幸福小院 village=和平村','127.0.0.1');
INSERT INTO audit_log VALUES(3,1795946400000,'admin','kiosk.create','k-j6agkkrv','name=大村活动室 village=大村','127.0.0.1');
INSERT INTO audit_log VALUES(4,1795946400000,'admin','user.create','wang','role=STAFF','127.0.0.1');
INSERT INTO audit_log VALUES(5,1795946400000,'wang','login',NULL,NULL,'127.0.0.1');
INSERT INTO audit_log VALUES(6,1795946400000,'admin','user.create','li','role=CADRE village=和平村','127.0.0.1');
INSERT INTO audit_log VALUES(7,1795946400000,'admin','cadre.create','c-6684anz5','village=和平村 pin=set','127.0.0.1');
INSERT INTO audit_log VALUES(8,1795946400000,'admin','resident.create','r-79tdtafc','village=和平村 type=ELDER','127.0.0.1');
INSERT INTO audit_log VALUES(9,1795946400000,'admin','resident.create','r-vjh9fn58','village=和平村 type=CHILD','127.0.0.1');
INSERT INTO audit_log VALUES(10,1795946400000,'admin','resident.create','r-wytj37kn','village=大村 type=ELDER','127.0.0.1');
INSERT INTO audit_log VALUES(11,1795946400000,'wang','help.transition','a0d10459-4d72-4d7c-9790-cdfcaf058239','NEW -> ACKNOWLEDGED','127.0.0.1');
INSERT INTO audit_log VALUES(12,1795946400000,'wang','help.transition','a0d10459-4d72-4d7c-9790-cdfcaf058239','ACKNOWLEDGED -> ASSIGNED assignee=李建华','127.0.0.1');
INSERT INTO audit_log VALUES(13,1795946400000,'wang','announcement.create','a-jgfkqfyj','NORMAL everyone','127.0.0.1');
INSERT INTO audit_log VALUES(14,1795946400000,'wang','announcement.audio','a-jgfkqfyj','25644 bytes, 800 ms','127.0.0.1');
CREATE TABLE enrolment_codes (
  kiosk_id VARCHAR(16) PRIMARY KEY REFERENCES kiosks(id),
  salt VARCHAR(32) NOT NULL,
  code_hash VARCHAR(64) NOT NULL,
  created_by VARCHAR(64),
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
INSERT INTO enrolment_codes VALUES('k-9fet6enn','33432c47e126311e082beb51511f1108','81fa10dc80cdb8e53bda8a4961eb3ddd66f7b5dea7ba4a153a04c1548864d429','admin',1795946400000,1796032800000);
INSERT INTO enrolment_codes VALUES('k-j6agkkrv','1560be3acb2458abb07265ec391f6e79','3a6aacc61438bb456fd52d63ed81dd722e340a5db3ad99f3cbfb7ff3cb520106','admin',1795946400000,1796032800000);
CREATE INDEX sessions_expiry ON sessions(expires_at);
CREATE INDEX events_kiosk ON events(kiosk_id, received_at);
CREATE INDEX help_requests_status ON help_requests(status, received_at);
CREATE INDEX help_requests_village ON help_requests(village, received_at);
CREATE INDEX help_history_request ON help_history(request_id, seq);
CREATE INDEX help_history_kiosk ON help_history(kiosk_id, seq);
CREATE INDEX webhook_outbox_due ON webhook_outbox(delivered_at, failed_at, next_attempt_at);
CREATE INDEX announcements_change ON announcements(change_seq);
CREATE INDEX announcement_deliveries_kiosk ON announcement_deliveries(kiosk_id);
CREATE INDEX residents_village ON residents(village, name);
CREATE INDEX cadres_village ON cadres(village, name);
CREATE UNIQUE INDEX cadres_username ON cadres(username);
CREATE INDEX pairings_cadre ON pairings(cadre_id);
CREATE INDEX check_ins_resident ON check_ins(resident_id, checked_in_at);
CREATE INDEX check_ins_village ON check_ins(village, checked_in_at);
CREATE INDEX visits_resident ON visits(resident_id, visited_at);
CREATE INDEX visits_village ON visits(village, visited_at);
CREATE INDEX check_in_alerts_resident ON check_in_alerts(resident_id, cleared_at);
CREATE INDEX roster_changes_village ON roster_changes(village, seq);
CREATE INDEX audit_log_at ON audit_log(at);
CREATE INDEX audit_log_user ON audit_log(username, at);
COMMIT;
