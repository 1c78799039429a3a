import type { Strings } from '../zh-CN';

export const errors: Strings['errors'] = {
  CASE_BLOCKED:
    'A check failed or could not be made, so the certificate cannot be issued. Explain why to the citizen, or ask a supervisor to approve it.',
  CASE_NO_ITEM: 'Choose the service item first.',
  CATALOG_NO_CERTIFICATE:
    'This item issues no certificate or card at the counter; its application and receipt are handled by the submission flow.',
  RULE_EXPR_INVALID:
    'A rule of this service item cannot be run; the catalog needs fixing (npm run catalog -- check names it). Tell the administrator.',
  CASE_NOT_FOUND: 'This case is no longer at this counter; read the card again.',
  CASE_ALREADY_ISSUED:
    'A certificate was already issued in this case; for another item press F8 and read the card again.',
  CASE_OVERRIDDEN:
    'A supervisor approved this case for its item, so the item is fixed; for another item press F8 and read the card again.',
  CASE_ID_INVALID: 'The ID number check digit is wrong; check it against the card and type it again.',
  CASE_ID_REGION_INVALID: 'Digits 1–6 of the ID number are not a region code; check them against the card.',
  CASE_ID_BIRTH_INVALID: 'Digits 7–14 of the ID number are not a real birth date; check them against the card.',
  CASE_ID_BIRTH_FUTURE: 'The birth date in the ID number (digits 7–14) is in the future; check them against the card.',
  CASE_VALID_TO_INVALID:
    'Not a real date: type the expiry printed on the card as YYYY-MM-DD, or “长期” for a long-term card.',
  CASE_INPUT_INVALID: 'Invalid input ({{field}}); check it and try again.',
  CASE_NO_DOCUMENT: 'No certificate has been issued in this case yet; choose the item and press F9.',
  CASE_NOT_PRINTED: 'Only a printed certificate can be reprinted; for a failed print use Retry.',
  CASE_FORM_INVALID: 'The form field "{{field}}" is not right ({{problem}}); correct it and submit again.',
  CASE_NO_APPLICATION: 'This item has no application form.',
  CASE_ALREADY_APPLIED:
    'The application of this case was already submitted; for a new one press F8 and read the card again.',
  CASE_NOT_BLOCKED: 'Every check passed; no approval is needed.',
  CASE_NOT_OPEN:
    'This case is finished, so personal data cannot be requested in it; read the card again for a new case.',
  CASE_NOT_YOURS: 'Another clerk opened this case; open your own case for this citizen, or ask a supervisor.',
  AUTH_OVERRIDE_REFUSED:
    'Not approved: the account is not an active supervisor, or the password is wrong. The supervisor enters their own account and password.',
  APP_SERVICE_UNAVAILABLE: 'A service did not start; see the status bar, and restart the terminal if it persists.',
  PRINTER_UNAVAILABLE:
    'No printer is available; the certificate is recorded and can be printed from the unfinished prints list once one is connected.',
  PRINTER_NOT_FOUND:
    'The printer "{{printer}}" does not exist (removed or renamed). Check the connection, or choose another printer in the settings.',
  PRINTER_NOT_ACCEPTING:
    'The printer is not accepting jobs. Enable it in the system printer settings, or send the job to another printer.',
  PRINTER_STOPPED:
    'The printer is paused in the print queue. Resume it in the system printer settings, or ask the administrator.',
  PRINTER_OFFLINE:
    'The printer cannot be reached (offline, switched off or disconnected). Check its power and cable, then retry, or send the job to another printer.',
  SPOOLER_DOWN:
    'The system print service is not running. Start it (CUPS on Linux/macOS, Print Spooler on Windows) or restart the computer, then retry.',
  INTERNAL: 'Internal error; it was logged. Try again, or restart the terminal if it repeats.',
  APP_HOST_UNREACHABLE: 'The terminal service is not answering; check that the program is running.',
  APP_NO_SECRET: 'Open this page with the address the terminal printed at start-up.',
  AUTH_SECRET: 'Invalid access secret; use the address the terminal printed at start-up.',
  USB_PERMISSION:
    'No permission to open USB reader {{vidPid}}. Linux: put this rule in /etc/udev/rules.d/60-id-reader.rules, run udevadm control --reload, replug the reader, and check the terminal user is in group plugdev: {{rule}}',
  USB_DRIVER_MISSING:
    "USB reader {{vidPid}} has no WinUSB-bound driver. Windows: install the vendor's WinUSB driver package, or bind WinUSB to the device with Zadig (this replaces the vendor's driver, so its own software no longer sees the reader), then replug it.",
  USB_BUSY:
    "USB reader {{vidPid}} is held by another program or driver; close the vendor's reader software and replug the reader.",
  USB_STALL:
    'A USB endpoint of the reader stalled; it was cleared and the command retried. Replug the reader if this repeats.',
  USB_BINDING_UNAVAILABLE: 'USB support could not be loaded; reinstall the app. HID and serial readers still work.',
  READER_UNSUPPORTED: 'Device {{vidPid}} cannot be used as an ID card reader: {{reason}}',
  READER_TABLE_INVALID: 'The reader table (readers.json) is invalid; reinstall the app or call maintenance.',
  OUTBOX_INPUT_INVALID: 'The submission could not be queued (its content is invalid, a bug); tell the maintainers.',
  OUTBOX_KEY_CONFLICT:
    'This submission was already queued with other content; it was not queued again. Tell the administrator.',
  OUTBOX_NOT_FOUND: 'This submission no longer exists on this terminal.',
  OUTBOX_RECEIVER_UNKNOWN:
    'No department system is configured for this submission; it is kept and sent once the administrator sets one up.',
  OUTBOX_DATA_UNREADABLE:
    'This submission cannot be decrypted (damaged database or another data key); it is kept. Tell the administrator.',
  OUTBOX_UNREACHABLE: 'The department system cannot be reached; the submission is kept and sent again automatically.',
  OUTBOX_TIMEOUT: 'The department system did not answer in time; the submission is sent again automatically.',
  OUTBOX_SERVER_ERROR: 'The department system had an error; the submission is sent again automatically.',
  OUTBOX_REFUSED:
    'The department refused the submission; check it with the citizen and the department, then submit it again.',
  OUTBOX_CONFLICT:
    'The department already holds this submission with other content; it was not sent again. Tell the administrator.',
  OUTBOX_MALFORMED: 'The department system gave an unexpected answer; the submission is sent again automatically.',
  HALL_PAIRING_REFUSED:
    'The hall refused the pairing code: it is wrong, already used or older than 10 minutes. Ask for a new code at the hall server.',
  HALL_UNREACHABLE:
    'The hall server does not answer. Check its address and that it is running; the terminal keeps working and sends what it owes later.',
  HALL_NOT_PAIRED: 'This terminal is not paired with a hall. An administrator pairs it under Hall → Link.',
  HALL_REFUSED:
    'The hall refused this terminal ({{reason}}). It may have been revoked; an administrator pairs it again.',
  RATING_ALREADY: 'This case has already been rated; each service is rated once.',
  RATING_NOT_ASKED: 'No case is waiting for a rating now.',
  RATING_REASON_REQUIRED: 'For “dissatisfied” or “very dissatisfied”, choose at least one reason and add a few words.',
  MEANS_CONSENT_MISSING:
    'Not yet authorised by: {{names}}. Have them sign on the citizen screen, or scan their paper form with the reason, before any source is queried.',
  MEANS_CONSENT_REFUSED:
    '{{names}} refused the check; the household cannot be checked. Explain the consequences to the applicant.',
  MEANS_NOT_MEANS_ITEM: 'Item {{item}} has no household economic check.',
  MEANS_NO_HOUSEHOLD: 'No verified household register: the members are not known, so nothing was queried.',
  MEANS_NO_MEMBER: 'There is no such member in the household register.',
  MEANS_OTHER_DOCUMENT:
    'This signature was given for another version of the authorisation; please sign the current one.',
  MEANS_NO_SIGNATURE_PENDING: 'No authorisation is waiting for a signature.',
  MEANS_NOT_RUN: 'The household check has not been run yet; run it first.',
  MEANS_SOURCES_MISSING: 'These sources gave no usable answer: {{sources}}. Re-run when they are back, then submit.',
  MEANS_CONFIG_INVALID: 'The means-test configuration is invalid ({{field}}); tell the administrator.',
  MEANS_GUARDIAN_INVALID: 'The guardian must be another adult member of the household.',
  MEANS_TRAINING_SANDBOX:
    'The source switches work only with the training sandbox this terminal starts; it is not there or did not answer.',
  RATING_CALLBACK_FIRST: 'Call the citizen back and record the callback before closing this bad rating.',
  SIGPAD_NOT_FOUND:
    'No signature pad {{select}} is plugged in; plug it in, or set signaturePad to touch in the config.',
  SIGPAD_OPEN_FAILED: 'The signature pad could not be opened ({{detail}}); plug it in again or check its permissions.',
  SIGPAD_GONE: 'The signature pad stopped answering; plug it in again and sign again.',
  SIGPAD_EMPTY: 'Nothing was drawn on the signature pad; please sign on the pad.',
  SIGNATURE_OTHER_DOCUMENT: 'This signature was given for another document and cannot be used here; please sign again.',
  SIGNATURE_NOT_PENDING: 'Nothing is waiting for a signature now; ask the clerk.',
  SIGNATURE_INVALID: 'The signature could not be taken ({{why}}); please clear it and sign again.',
  SIGNATURE_SIGNER: 'Unknown signer "{{signer}}"; this is a program error, tell the administrator.',
  INVALID_ARGUMENT: 'Invalid input ({{field}}); check it and try again.',
  UNKNOWN_OPERATION: 'The terminal does not know this operation ({{name}}); update the app.',
  APP_TRAINING_ONLY: 'The training panel is available in training mode only.',
  APP_NO_RENDERER: 'The user interface files are missing; reinstall the app.',
  CONFIG_UNREADABLE: 'The config file cannot be read; fix it, or unset COUNTER_CONFIG to run in training mode.',
  CONFIG_INVALID: 'The setting {{field}} is invalid; ask the administrator to fix the configuration.',
  CONFIG_PORT: 'Invalid port; use 0-65535.',
  REGISTRY_SANDBOX_START:
    'The training registry did not start; restart the app, and if it repeats send the start-up log to the maintainers.',
  FORBIDDEN_HOST: 'Address this terminal as 127.0.0.1 or localhost.',
  FORBIDDEN_ORIGIN: 'Calls from other web pages are refused.',
  METHOD: 'Wrong request method (a bug); tell the maintainers.',
  INVALID_CONTENT_TYPE: 'Wrong request format (a bug); tell the maintainers.',
  INVALID_BODY_TOO_LARGE: 'The request is too large; shorten it and try again.',
  INVALID_JSON: 'The request could not be parsed (a bug); tell the maintainers.',
  NOT_FOUND: 'No such address.',
  AUTH_REQUIRED: 'Sign in first.',
  AUTH_FORBIDDEN: 'Your role does not allow this; ask a supervisor or an administrator.',
  AUTH_INVALID_CREDENTIALS: 'Wrong account name or password; check both and try again.',
  AUTH_THROTTLED:
    'Too many wrong passwords; try again in {{seconds}} s, or ask an administrator to reset the password.',
  AUTH_RATE_LIMITED: 'Too many attempts; wait a few seconds and try again.',
  AUTH_ACCOUNT_DISABLED: 'This account is disabled; ask an administrator.',
  AUTH_DEMO_ACCOUNT: 'Training accounts cannot sign in on a production terminal; use your own account.',
  AUTH_SETUP_DONE: 'This terminal already has accounts; sign in.',
  AUTH_WEAK_PASSWORD:
    'Password too weak: at least 8 characters mixing letters with digits or symbols, not containing the account name.',
  AUTH_PASSWORD_REUSED: 'The new password must differ from the current one.',
  AUTH_PASSWORD_CHANGE_REQUIRED: 'Change your temporary password first.',
  AUTH_ACCOUNT_EXISTS: 'That account name is taken; choose another.',
  AUTH_ACCOUNT_NOT_FOUND: 'There is no account {{userId}}; refresh the list.',
  AUTH_INVALID_ACCOUNT_ID:
    'The account name does not fit the rules (names starting with "demo-" are reserved for training accounts).',
  AUTH_LAST_ADMIN: 'This is the last active administrator; create or enable another administrator first.',
  AUTH_SELF_CHANGE: 'You cannot change your own roles or disable yourself; ask another administrator.',
  SESSION_LOCKED: 'The terminal is locked; unlock it first.',
  SESSION_NOT_LOCKED: 'The terminal is not locked.',
  SESSION_ACTIVE: '{{userId}} is signed in on this terminal; sign out first.',
  AUDIT_NO_CIPHER:
    'The audit log cannot be encrypted (the data key is not loaded); restart the terminal and tell the administrator.',
  AUDIT_INVALID_ENTRY: 'An audit entry is invalid (a bug); tell the maintainers.',
  AUDIT_SIGN_KEY_INVALID: 'The audit signing key is damaged; the administrator restores it from backup.',
  AUDIT_RANGE_INVALID: 'Choose a valid date range (at most {{maxDays}} days at a time).',
  AUDIT_CASE_REQUIRED: 'Open a case for this citizen first (place the ID card), then ask from within the case.',
  AUDIT_REASON_REQUIRED: 'Give the reason for this access.',
  AUDIT_NOT_STARTED:
    'The audit log has not started, so no personal data can be requested; restart the terminal and tell the administrator.',
  CACHE_POLICY_INVALID: "The cache policy file is invalid; the administrator fixes it or restores the app's resources.",
  CACHE_PAYLOAD_INVALID: 'A cached license is invalid (a bug) and was skipped; tell the maintainers.',
  CASE_ILLEGAL_TRANSITION: 'The case cannot do this in its current state; refresh it and continue from there.',
  CASE_NOT_READY: 'The case has no item chosen or checked yet; choose the item first.',
  CASE_NOT_ELIGIBLE:
    'A check failed or could not be made, so no certificate can be issued; ask a supervisor to approve if it must be.',
  CASE_SERIAL_EXHAUSTED:
    "Counter {{counter}} has used up this year's certificate serials; the administrator assigns another counter id.",
  CASE_DATA_UNREADABLE: 'The case data cannot be decrypted (wrong key or damaged data); tell the administrator.',
  CASE_SERVICE_UNAVAILABLE: 'The case service did not start; see the status bar and restart the terminal.',
  BATCH_FORMAT: 'The list format ({{ext}}) is not supported; save it as .csv (UTF-8) or .xlsx and import it again.',
  BATCH_UNREADABLE: 'The list cannot be read after line {{line}}; check that the file is complete and import it again.',
  BATCH_EMPTY: 'The list has no header line; the first line must name the columns.',
  BATCH_MAPPING: 'The column mapping is incomplete: choose a column for "{{field}}".',
  BATCH_NOT_FOUND: 'This batch check was not found; refresh the list.',
  BATCH_STATE: 'This batch check is "{{state}}" and cannot do that now.',
  WORKLIST_PROGRAMME_INVALID:
    'A programme file is invalid; the administrator fixes it (npm run catalog -- check) and restarts.',
  WORKLIST_PROGRAMME_NOT_FOUND: 'There is no programme {{code}} on this terminal; choose one from the list.',
  WORKLIST_NOT_FOUND: 'Worklist {{id}} was not found; refresh the list.',
  WORKLIST_TASK_NOT_FOUND: 'Task {{id}} was not found; refresh the worklist.',
  WORKLIST_TASK_STEP: 'The task is "{{state}}", so "{{step}}" is not possible now; continue from its current state.',
  WORKLIST_NOT_ASSIGNABLE: 'Account {{user}} is not station staff (station role) and cannot be given tasks.',
  WORKLIST_NO_AREA: "The station's area is not set; enter an area code (e.g. 110901001).",
  WORKLIST_OUTPUT_FAILED: 'The output could not be made ({{reason}}); the task stays confirmed and can be tried again.',
  WORKLIST_TASK_TAKEN: '{{by}} at {{terminal}} took this task first (now “{{state}}”); it is shown as the hall has it.',
  WORKLIST_HALL_PENDING:
    'This task has {{count}} step(s) recorded while the hall server was down that have not reached it yet; make the output once they have (it happens by itself when the hall is back).',
  BATCH_TOO_LARGE: 'The list file is too large (at most {{max}} bytes); split it into smaller lists and import each.',
  BATCH_REGISTRY_DOWN:
    'The registry did not answer at line {{line}}; the batch check is paused. Resume it once the registry is back.',
  BATCH_ITEM: 'The item "{{item}}" cannot be checked in a batch; choose another item.',
  BATCH_COLUMNS:
    "This item's conditions read the parents' ID numbers: choose the list's father's and mother's ID-number columns, then start.",
  BATCH_ROW_DAMAGED:
    'The stored results of line {{line}} of this batch check cannot be read (damaged, or written by a newer version of the app); tell the administrator.',
  BATCH_JOB_DAMAGED:
    'The conditions stored with this batch check cannot be read (damaged, or written by a newer version of the app); tell the administrator.',
  CATALOG_READ_FAILED: 'The service catalog cannot be read; reinstall the app or restore the catalog.',
  CATALOG_INVALID: 'A service item file is invalid; the administrator fixes it and restarts the app.',
  CATALOG_EMPTY: 'The service catalog is empty; reinstall the app or restore the catalog.',
  CATALOG_DUPLICATE_CODE: 'Two service items share one code; the administrator fixes the catalog.',
  CATALOG_ITEM_NOT_FOUND: 'There is no service item {{code}} on this terminal; choose the item again from the list.',
  CERT_TEMPLATE_NOT_FOUND: 'The certificate template is missing; reinstall the app or tell the administrator.',
  CERT_TEMPLATE_INVALID: 'The certificate template file is invalid; the administrator fixes it.',
  CERT_DATA_INVALID: 'The certificate data is incomplete (a bug); nothing was printed. Tell the maintainers.',
  CERT_FONT_MISSING: 'The certificate font is missing, so Chinese cannot be printed; reinstall the app.',
  CERT_PHOTO_INVALID: 'The holder photo cannot be read; read the card again to fetch the license again.',
  CERT_NO_SIGNER: 'This terminal has no signing key, so it cannot issue certificates; tell the administrator.',
  CERT_PAYLOAD_MISMATCH: 'The stored certificate signature cannot be read; tell the administrator.',
  CERT_PAYLOAD_TOO_LARGE: 'The certificate QR content is too long for a QR code; tell the administrator.',
  CERT_KEY_FILE_INVALID: "The hall's signing key file is damaged; the administrator restores it from backup.",
  CERT_TRUSTED_KEYS_INVALID: 'The trusted hall keys file is invalid; the administrator fixes it.',
  KEY_INVALID: 'The data key is invalid; tell the administrator.',
  KEY_FILE_PERMISSIONS: 'The key file can be read by others; the administrator restricts it to this account.',
  KEY_FILE_OWNER: 'The key file has the wrong owner; the administrator fixes it.',
  KEY_FILE_SIZE: 'The key file has the wrong size (it may be damaged); the administrator restores it from backup.',
  KEY_FILE_NOT_REGULAR: 'Something other than a key file is in its place; the administrator restores it from backup.',
  KEY_MODE_MISMATCH: "The key's protection does not match this terminal's setting; tell the administrator.",
  KEY_UNWRAP_FAILED: 'The data key cannot be unwrapped; tell the administrator.',
  WRONG_KEY: 'The data key does not match this database; the administrator restores the original key.',
  ENVELOPE_MALFORMED: 'An encrypted record is damaged; the administrator restores the database from backup.',
  ENVELOPE_VERSION: 'An encrypted record was written by another version of the app; update the app.',
  INTEGRITY: 'An encrypted record failed its integrity check (it may have been tampered with); tell the administrator.',
  REGISTRY_FAILED: 'The registry query failed; try again shortly.',
  REGISTRY_MISMATCH: 'The registry returned a license for someone else; it was refused. Tell the administrator.',
  CACHE_TOO_OLD:
    'The registry is unreachable and the cached copy of license {{type}} is {{ageHours}} h old (at most {{maxAgeHours}} h allowed), so it was not used. Reconnect, or ask for the paper document.',
  NOT_IN_CACHE:
    'The registry is unreachable and this terminal has no cached copy of license {{type}}. Reconnect, wait for the registry, or ask for the paper document.',
  CACHE_INTEGRITY:
    'The cached copy of license {{type}} failed its integrity check and was not used; it is replaced on the next fetch. If it repeats, tell the administrator.',
  CACHE_WRITE_FAILED:
    'The license could not be cached; this case is unaffected, but no cached copy will exist offline.',
  REGISTRY_NOT_CONFIGURED: 'No registry is configured or it did not start, so no licenses can be fetched.',
  REGISTRY_MALFORMED: 'The registry sent an answer that cannot be read; working as offline for now.',
  REGISTRY_TOO_LARGE: 'The registry sent an answer that is too large; working as offline for now.',
  REGISTRY_TIMEOUT: 'The registry did not answer in time; try again shortly.',
  REGISTRY_UNREACHABLE: 'The registry cannot be reached; check the network.',
  REGISTRY_REFUSED: "The registry refused this terminal's request (credentials or permission); tell the administrator.",
  REGISTRY_BAD_REQUEST: 'The registry rejected the request; tell the administrator.',
  REGISTRY_NOT_FOUND: 'The registry has no such record.',
  REGISTRY_UNAVAILABLE: 'The registry is unavailable; try again shortly.',
  REGISTRY_CIRCUIT_OPEN: 'The registry keeps failing; calls pause for a moment and the local cache is used meanwhile.',
  REGISTRY_BAD_IDENTIFIER: 'A license identifier is malformed; it was refused.',
  USAGE_INCOMPLETE:
    'The usage record is incomplete (organisation, clerk, item or reason missing); tell the administrator.',
  RULE_UNKNOWN_KIND: "An item's check rule is unknown to this app version; update the app or fix the catalog.",
  RULE_PARAM_INVALID: "An item's check rule has an invalid parameter; the administrator fixes the catalog.",
  RULE_FACTS_INVALID: 'The data for the checks is incomplete (a bug); tell the maintainers.',
  FRAME_BAD_CHECKSUM: 'Checksum error from the reader; retrying. If it repeats, try another USB port or cable.',
  FRAME_BAD_LENGTH: 'The reader sent an invalid length; resynchronising.',
  FRAME_TOO_LONG: 'The reader sent too much data; it was dropped and the link resynchronised.',
  FRAME_GARBAGE: 'Unrecognised bytes from the reader were skipped.',
  FRAME_TRUNCATED: 'Incomplete data from the reader; place the card again.',
  REPLY_MALFORMED:
    "The reader's answer is malformed; place the card again. If it repeats, check the reader model setting.",
  REPLY_STATUS: 'The reader reported an error (status {{sw3}}); place the card again.',
  COMMAND_TIMEOUT: 'The reader does not answer; check the cable.',
  COMMAND_INVALID: 'Invalid reader command (a bug); tell the maintainers.',
  TRANSPORT_OPEN_FAILED:
    'The reader cannot be opened; check that no other program holds it and that access is allowed.',
  TRANSPORT_CLOSED: 'The reader was disconnected; plug the USB cable back in.',
  TRANSPORT_WRITE_FAILED: 'Commands cannot reach the reader; plug the USB cable back in.',
  HID_BINDING_UNAVAILABLE: 'USB HID support could not be loaded; install libusb-1.0 or use a serial reader.',
  NO_READER: 'No ID card reader found; connect the reader.',
  CARD_TEXT_INVALID: 'The card data cannot be decoded; place the card again.',
  CARD_INPUT_INVALID: 'The demo card data is invalid; check the training data.',
  RESOURCE_INVALID: 'A reader data file is missing or damaged; reinstall the app.',
  PRINTER_MEDIA_EMPTY: 'The printer is out of paper. Load paper and the job continues, or send it to another printer.',
  PRINTER_MEDIA_JAM: 'Paper is jammed in the printer. Clear the jam as the printer shows, then retry.',
  PRINTER_DOOR_OPEN: 'A printer door or cover is open. Close it and the job continues.',
  PRINTER_TONER_EMPTY:
    'The printer is out of toner or ribbon. Replace it and retry, or send the job to another printer.',
  PRINTER_NONE: 'No printer found. Connect and switch on a printer.',
  PRINTER_NO_MEDIA: 'No printer takes {{size}} paper. Load it, or choose another printer in the settings.',
  SPOOLER_REFUSED: 'The print service refused the job (permission or an unsupported option). Tell the administrator.',
  DOCUMENT_INVALID: 'The document is not a readable PDF. Generate the certificate again and print it.',
  JOB_NOT_FOUND: 'The job is no longer in the print queue (it may have been cancelled). Print it again.',
  JOB_CANCELED: 'The print job was cancelled. Retry to print it again.',
  JOB_ABORTED: 'The print service aborted the job. Retry, or send it to another printer.',
  UNKNOWN: 'The printer reported an unrecognised problem. Check the printer panel; the details are recorded.',
};
