/*
 * spinewatch_protocol.h - reference encoder for the spinewatch native wire protocol v1.0.
 *
 * Header-only C99, no dynamic memory, no dependencies beyond <stdint.h>, <stddef.h> and
 * <stdbool.h>. Every frame is produced in one pass: each content byte updates the CRC-32C and goes
 * straight through the COBS encoder into the caller's buffer, so the only memory needed is the
 * output buffer itself (SW_MAX_WIRE_BYTES is always enough; a batch of n samples needs
 * sw_imu_batch_wire_bytes(n, has_mag)).
 *
 * The specification is docs/protocol.md; firmware-protocol/test-vectors/native-v1.txt holds frames
 * this encoder must reproduce byte for byte (a JUnit test checks it with gcc).
 *
 * Usage: fill a struct, call the sw_encode_* function, send the returned number of bytes (delimiter
 * included). A return of 0 means the buffer was too small or an argument out of range; nothing
 * usable was written.
 */
#ifndef SPINEWATCH_PROTOCOL_H
#define SPINEWATCH_PROTOCOL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SW_VERSION_MAJOR 1u
#define SW_VERSION_MINOR 0u

#define SW_MAX_FRAME_BYTES 1280u                 /* encoded, delimiter excluded */
#define SW_MAX_WIRE_BYTES (SW_MAX_FRAME_BYTES + 1u)
#define SW_MAX_SAMPLES_PER_BATCH 64u

enum sw_type {
    SW_TYPE_IMU_BATCH = 0x01,
    SW_TYPE_DEVICE_STATUS = 0x02,
    SW_TYPE_ACK = 0x03,
    SW_TYPE_HAPTIC = 0x81,
    SW_TYPE_SET_SAMPLE_RATE = 0x82,
    SW_TYPE_STREAMING = 0x83,
    SW_TYPE_IDENTIFY = 0x84
};

enum sw_slot { SW_SLOT_UPPER = 0, SW_SLOT_MID = 1, SW_SLOT_PELVIS = 2 };

enum sw_ack_status {
    SW_ACK_OK = 0,
    SW_ACK_UNSUPPORTED = 1,
    SW_ACK_INVALID_ARGUMENT = 2,
    SW_ACK_BUSY = 3,
    SW_ACK_FAILED = 4
};

#define SW_FLAG_HAS_MAG 0x01u
#define SW_FLAG_STREAM_START 0x02u

/* One raw reading: acc x,y,z then gyro x,y,z, then (only with a magnetometer) mag x,y,z, as int16 counts. */
typedef struct {
    int16_t acc[3];
    int16_t gyro[3];
    int16_t mag[3];
} sw_raw_sample;

/* A batch of consecutive samples of one sensor, evenly spaced in time. */
typedef struct {
    uint32_t device_id;
    uint8_t slot;                  /* enum sw_slot */
    bool stream_start;             /* first batch since boot or since streaming started */
    bool has_mag;
    uint32_t first_seq;            /* sample i has sequence first_seq + i (mod 2^32) */
    uint64_t first_time_us;        /* device clock, microseconds, < 2^63 */
    uint32_t sample_period_us;     /* sample i was taken at first_time_us + i * sample_period_us */
    uint16_t acc_range_g;          /* full scale +-g, e.g. 16 */
    uint16_t gyro_range_dps;       /* full scale +-deg/s, e.g. 2000 */
    uint16_t mag_range_ut;         /* full scale +-uT, ignored without magnetometer */
    uint8_t count;                 /* 1..SW_MAX_SAMPLES_PER_BATCH */
    const sw_raw_sample *samples;  /* count entries */
} sw_imu_batch;

typedef struct {
    uint32_t device_id;
    uint8_t fw_major, fw_minor;
    uint16_t fw_patch;
    uint16_t battery_mv;
    uint8_t battery_pct;           /* 0..100 */
    bool charging, streaming;
    uint16_t sample_rate_hz;       /* >= 1 */
    uint8_t present_mask;          /* bit slot: sensor answered at boot */
    uint8_t fault_mask;            /* bit slot: sensor failed since */
    uint32_t uptime_s;
} sw_device_status;

/* ---- CRC-32C (Castagnoli): poly 0x1EDC6F41 (reflected 0x82F63B78), init and xorout 0xFFFFFFFF,
 * reflected in and out, check value 0xE3069283 for "123456789". Bitwise: slow but tiny; firmware with
 * a CRC unit or 1 KiB of flash to spare can replace sw_crc32c_byte with a table lookup. */
static inline uint32_t sw_crc32c_byte(uint32_t crc, uint8_t b) {
    crc ^= b;
    for (int k = 0; k < 8; k++) {
        crc = (crc >> 1) ^ (0x82F63B78u & (0u - (crc & 1u)));
    }
    return crc;
}

static inline uint32_t sw_crc32c(const uint8_t *data, size_t len) {
    uint32_t crc = 0xFFFFFFFFu;
    for (size_t i = 0; i < len; i++) {
        crc = sw_crc32c_byte(crc, data[i]);
    }
    return crc ^ 0xFFFFFFFFu;
}

/* ---- One-pass writer: content byte -> CRC -> COBS -> caller's buffer. */
typedef struct {
    uint8_t *out;
    size_t cap;
    size_t pos;       /* next free byte */
    size_t code_pos;  /* where the current block's code byte goes */
    uint8_t code;     /* 1 + data bytes in the current block */
    uint32_t crc;
    bool overflow;
} sw_writer;

static inline void sw_writer_init(sw_writer *w, uint8_t *out, size_t cap) {
    w->out = out;
    w->cap = cap;
    w->code_pos = 0;
    w->pos = 1;
    w->code = 1;
    w->crc = 0xFFFFFFFFu;
    w->overflow = cap < 2;
}

static inline void sw_cobs_byte(sw_writer *w, uint8_t b) {
    if (w->overflow) {
        return;
    }
    if (b == 0) {
        w->out[w->code_pos] = w->code;
        w->code_pos = w->pos++;
        w->code = 1;
    } else {
        w->out[w->pos++] = b;
        if (++w->code == 0xFF) {
            w->out[w->code_pos] = w->code;
            w->code_pos = w->pos++;
            w->code = 1;
        }
    }
    /* Keep room for this block's code byte and the delimiter. */
    if (w->pos + 1 > w->cap) {
        w->overflow = true;
    }
}

static inline void sw_put_u8(sw_writer *w, uint8_t v) {
    w->crc = sw_crc32c_byte(w->crc, v);
    sw_cobs_byte(w, v);
}

static inline void sw_put_u16(sw_writer *w, uint16_t v) {
    sw_put_u8(w, (uint8_t) v);
    sw_put_u8(w, (uint8_t) (v >> 8));
}

static inline void sw_put_u32(sw_writer *w, uint32_t v) {
    sw_put_u16(w, (uint16_t) v);
    sw_put_u16(w, (uint16_t) (v >> 16));
}

static inline void sw_put_u64(sw_writer *w, uint64_t v) {
    sw_put_u32(w, (uint32_t) v);
    sw_put_u32(w, (uint32_t) (v >> 32));
}

static inline void sw_put_header(sw_writer *w, uint8_t type, uint32_t device_id) {
    sw_put_u8(w, SW_VERSION_MAJOR);
    sw_put_u8(w, SW_VERSION_MINOR);
    sw_put_u8(w, type);
    sw_put_u32(w, device_id);
}

/* Appends the CRC (not itself CRC'd), closes the last COBS block, writes the delimiter.
 * Returns bytes written, delimiter included, or 0 when the buffer was too small. */
static inline size_t sw_finish(sw_writer *w) {
    uint32_t crc = w->crc ^ 0xFFFFFFFFu;
    for (int i = 0; i < 4; i++) {
        sw_cobs_byte(w, (uint8_t) (crc >> (8 * i)));
    }
    if (w->overflow || w->pos + 1 > w->cap) {
        return 0;
    }
    w->out[w->code_pos] = w->code;
    w->out[w->pos++] = 0;
    return w->pos;
}

/* Worst-case wire size of a batch of n samples: content plus one COBS byte per 254, plus delimiter. */
static inline size_t sw_imu_batch_wire_bytes(unsigned n, bool has_mag) {
    size_t content = 7u + 26u + (size_t) n * (has_mag ? 18u : 12u) + 4u;
    return content + content / 254u + 1u + 1u;
}

static inline size_t sw_encode_imu_batch(const sw_imu_batch *b, uint8_t *out, size_t cap) {
    if (b->count == 0 || b->count > SW_MAX_SAMPLES_PER_BATCH || b->slot > SW_SLOT_PELVIS
            || b->acc_range_g == 0 || b->gyro_range_dps == 0 || (b->has_mag && b->mag_range_ut == 0)
            || (b->first_time_us >> 63) != 0) {
        return 0;
    }
    sw_writer w;
    sw_writer_init(&w, out, cap);
    sw_put_header(&w, SW_TYPE_IMU_BATCH, b->device_id);
    sw_put_u8(&w, b->slot);
    sw_put_u8(&w, (uint8_t) ((b->has_mag ? SW_FLAG_HAS_MAG : 0u) | (b->stream_start ? SW_FLAG_STREAM_START : 0u)));
    sw_put_u8(&w, b->count);
    sw_put_u8(&w, b->has_mag ? 18u : 12u);
    sw_put_u32(&w, b->first_seq);
    sw_put_u64(&w, b->first_time_us);
    sw_put_u32(&w, b->sample_period_us);
    sw_put_u16(&w, b->acc_range_g);
    sw_put_u16(&w, b->gyro_range_dps);
    sw_put_u16(&w, b->has_mag ? b->mag_range_ut : 0u);
    for (unsigned i = 0; i < b->count; i++) {
        const sw_raw_sample *s = &b->samples[i];
        for (int a = 0; a < 3; a++) sw_put_u16(&w, (uint16_t) s->acc[a]);
        for (int a = 0; a < 3; a++) sw_put_u16(&w, (uint16_t) s->gyro[a]);
        if (b->has_mag) {
            for (int a = 0; a < 3; a++) sw_put_u16(&w, (uint16_t) s->mag[a]);
        }
    }
    return sw_finish(&w);
}

static inline size_t sw_encode_device_status(const sw_device_status *s, uint8_t *out, size_t cap) {
    if (s->battery_pct > 100 || s->sample_rate_hz == 0 || s->present_mask > 7 || s->fault_mask > 7) {
        return 0;
    }
    sw_writer w;
    sw_writer_init(&w, out, cap);
    sw_put_header(&w, SW_TYPE_DEVICE_STATUS, s->device_id);
    sw_put_u8(&w, s->fw_major);
    sw_put_u8(&w, s->fw_minor);
    sw_put_u16(&w, s->fw_patch);
    sw_put_u16(&w, s->battery_mv);
    sw_put_u8(&w, s->battery_pct);
    sw_put_u8(&w, (uint8_t) ((s->charging ? 1u : 0u) | (s->streaming ? 2u : 0u)));
    sw_put_u16(&w, s->sample_rate_hz);
    sw_put_u8(&w, (uint8_t) (s->present_mask | (s->fault_mask << 4)));
    sw_put_u32(&w, s->uptime_s);
    return sw_finish(&w);
}

static inline size_t sw_encode_ack(uint32_t device_id, uint16_t command_id, uint8_t command_type,
                                   uint8_t status, uint8_t *out, size_t cap) {
    if (command_type < 0x80) {
        return 0;
    }
    sw_writer w;
    sw_writer_init(&w, out, cap);
    sw_put_header(&w, SW_TYPE_ACK, device_id);
    sw_put_u16(&w, command_id);
    sw_put_u8(&w, command_type);
    sw_put_u8(&w, status);
    return sw_finish(&w);
}

/* Commands are normally encoded by the monitor; these let a firmware test bench produce them too. */
static inline size_t sw_encode_haptic(uint32_t device_id, uint16_t command_id, uint8_t pulses, uint16_t pulse_ms,
                                      uint16_t gap_ms, uint8_t intensity_pct, uint8_t *out, size_t cap) {
    if (pulses < 1 || pulses > 16 || pulse_ms < 1 || pulse_ms > 5000 || gap_ms > 5000
            || intensity_pct < 1 || intensity_pct > 100) {
        return 0;
    }
    sw_writer w;
    sw_writer_init(&w, out, cap);
    sw_put_header(&w, SW_TYPE_HAPTIC, device_id);
    sw_put_u16(&w, command_id);
    sw_put_u8(&w, pulses);
    sw_put_u16(&w, pulse_ms);
    sw_put_u16(&w, gap_ms);
    sw_put_u8(&w, intensity_pct);
    return sw_finish(&w);
}

static inline size_t sw_encode_set_sample_rate(uint32_t device_id, uint16_t command_id, uint16_t rate_hz,
                                               uint8_t *out, size_t cap) {
    if (rate_hz < 1 || rate_hz > 3200) {
        return 0;
    }
    sw_writer w;
    sw_writer_init(&w, out, cap);
    sw_put_header(&w, SW_TYPE_SET_SAMPLE_RATE, device_id);
    sw_put_u16(&w, command_id);
    sw_put_u16(&w, rate_hz);
    return sw_finish(&w);
}

static inline size_t sw_encode_streaming(uint32_t device_id, uint16_t command_id, bool enabled,
                                         uint8_t *out, size_t cap) {
    sw_writer w;
    sw_writer_init(&w, out, cap);
    sw_put_header(&w, SW_TYPE_STREAMING, device_id);
    sw_put_u16(&w, command_id);
    sw_put_u8(&w, enabled ? 1u : 0u);
    return sw_finish(&w);
}

static inline size_t sw_encode_identify(uint32_t device_id, uint16_t command_id, uint16_t duration_ms,
                                        uint8_t *out, size_t cap) {
    if (duration_ms < 1 || duration_ms > 60000) {
        return 0;
    }
    sw_writer w;
    sw_writer_init(&w, out, cap);
    sw_put_header(&w, SW_TYPE_IDENTIFY, device_id);
    sw_put_u16(&w, command_id);
    sw_put_u16(&w, duration_ms);
    return sw_finish(&w);
}

#ifdef __cplusplus
}
#endif

#endif /* SPINEWATCH_PROTOCOL_H */
