/*
 * Test driver for spinewatch_protocol.h: reads one message per line on stdin, writes its frame as
 * lower-case hex on stdout (an empty line if the encoder refused). Used by CEncoderTest.
 *
 * Line formats (all numbers decimal):
 *   imu DEVICE SLOT STREAM_START HAS_MAG FIRST_SEQ FIRST_T_US PERIOD_US ACC_G GYRO_DPS MAG_UT COUNT v...
 *       with 6 (or 9 with magnetometer) int16 values per sample
 *   status DEVICE FW_MAJOR FW_MINOR FW_PATCH BATTERY_MV BATTERY_PCT CHARGING STREAMING RATE_HZ PRESENT FAULT UPTIME_S
 *   ack DEVICE COMMAND_ID COMMAND_TYPE STATUS
 *   haptic DEVICE COMMAND_ID PULSES PULSE_MS GAP_MS INTENSITY_PCT
 *   rate DEVICE COMMAND_ID RATE_HZ
 *   streaming DEVICE COMMAND_ID ENABLED
 *   identify DEVICE COMMAND_ID DURATION_MS
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "spinewatch_protocol.h"

static char *cursor;

static unsigned long long next_u(void) {
    return strtoull(strtok_r(NULL, " \n", &cursor), NULL, 10);
}

static long long next_i(void) {
    return strtoll(strtok_r(NULL, " \n", &cursor), NULL, 10);
}

int main(void) {
    static char line[65536];
    static uint8_t out[SW_MAX_WIRE_BYTES];
    static sw_raw_sample samples[SW_MAX_SAMPLES_PER_BATCH];
    while (fgets(line, sizeof line, stdin)) {
        char *kind = strtok_r(line, " \n", &cursor);
        if (kind == NULL) {
            continue;
        }
        size_t n = 0;
        if (strcmp(kind, "imu") == 0) {
            sw_imu_batch b;
            memset(&b, 0, sizeof b);
            b.device_id = (uint32_t) next_u();
            b.slot = (uint8_t) next_u();
            b.stream_start = next_u() != 0;
            b.has_mag = next_u() != 0;
            b.first_seq = (uint32_t) next_u();
            b.first_time_us = (uint64_t) next_u();
            b.sample_period_us = (uint32_t) next_u();
            b.acc_range_g = (uint16_t) next_u();
            b.gyro_range_dps = (uint16_t) next_u();
            b.mag_range_ut = (uint16_t) next_u();
            b.count = (uint8_t) next_u();
            for (unsigned i = 0; i < b.count && i < SW_MAX_SAMPLES_PER_BATCH; i++) {
                for (int a = 0; a < 3; a++) samples[i].acc[a] = (int16_t) next_i();
                for (int a = 0; a < 3; a++) samples[i].gyro[a] = (int16_t) next_i();
                if (b.has_mag) {
                    for (int a = 0; a < 3; a++) samples[i].mag[a] = (int16_t) next_i();
                }
            }
            b.samples = samples;
            n = sw_encode_imu_batch(&b, out, sizeof out);
        } else if (strcmp(kind, "status") == 0) {
            sw_device_status s;
            s.device_id = (uint32_t) next_u();
            s.fw_major = (uint8_t) next_u();
            s.fw_minor = (uint8_t) next_u();
            s.fw_patch = (uint16_t) next_u();
            s.battery_mv = (uint16_t) next_u();
            s.battery_pct = (uint8_t) next_u();
            s.charging = next_u() != 0;
            s.streaming = next_u() != 0;
            s.sample_rate_hz = (uint16_t) next_u();
            s.present_mask = (uint8_t) next_u();
            s.fault_mask = (uint8_t) next_u();
            s.uptime_s = (uint32_t) next_u();
            n = sw_encode_device_status(&s, out, sizeof out);
        } else if (strcmp(kind, "ack") == 0) {
            uint32_t device = (uint32_t) next_u();
            uint16_t id = (uint16_t) next_u();
            uint8_t type = (uint8_t) next_u();
            uint8_t status = (uint8_t) next_u();
            n = sw_encode_ack(device, id, type, status, out, sizeof out);
        } else if (strcmp(kind, "haptic") == 0) {
            uint32_t device = (uint32_t) next_u();
            uint16_t id = (uint16_t) next_u();
            uint8_t pulses = (uint8_t) next_u();
            uint16_t pulse_ms = (uint16_t) next_u();
            uint16_t gap_ms = (uint16_t) next_u();
            uint8_t pct = (uint8_t) next_u();
            n = sw_encode_haptic(device, id, pulses, pulse_ms, gap_ms, pct, out, sizeof out);
        } else if (strcmp(kind, "rate") == 0) {
            uint32_t device = (uint32_t) next_u();
            uint16_t id = (uint16_t) next_u();
            n = sw_encode_set_sample_rate(device, id, (uint16_t) next_u(), out, sizeof out);
        } else if (strcmp(kind, "streaming") == 0) {
            uint32_t device = (uint32_t) next_u();
            uint16_t id = (uint16_t) next_u();
            n = sw_encode_streaming(device, id, next_u() != 0, out, sizeof out);
        } else if (strcmp(kind, "identify") == 0) {
            uint32_t device = (uint32_t) next_u();
            uint16_t id = (uint16_t) next_u();
            n = sw_encode_identify(device, id, (uint16_t) next_u(), out, sizeof out);
        }
        for (size_t i = 0; i < n; i++) {
            printf("%02x", out[i]);
        }
        printf("\n");
    }
    return 0;
}
