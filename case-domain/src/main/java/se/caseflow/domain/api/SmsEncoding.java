package se.caseflow.domain.api;

/** How an SMS text travels: the GSM 7-bit alphabet (160 per single segment) or UCS-2 (70). */
public enum SmsEncoding {
    GSM7,
    UCS2
}
