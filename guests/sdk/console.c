/* UART console and a small printf (integers and strings only). */
#include "tandem.h"

#define UART_THR 0u     /* transmit holding register (write) */
#define UART_RBR 0u     /* receive buffer register (read) */
#define UART_LSR 5u     /* line status register */
#define LSR_DR   0x01u  /* a received byte is waiting */
#define LSR_THRE 0x20u  /* transmitter can take another byte */

void putc(char c)
{
    while ((mmio_read8(UART_BASE + UART_LSR) & LSR_THRE) == 0)
        ;
    mmio_write8(UART_BASE + UART_THR, (uint8_t)c);
}

void puts(const char *s)
{
    while (*s)
        putc(*s++);
}

int getc_nonblock(void)
{
    if ((mmio_read8(UART_BASE + UART_LSR) & LSR_DR) == 0)
        return -1;
    return mmio_read8(UART_BASE + UART_RBR);
}

/* Emits one formatted number; returns the characters written. */
static int put_number(uint32_t v, unsigned base, int upper, int negative,
                      int width, int zero_pad, int left)
{
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char buf[12];
    int n = 0, out = 0;

    do {
        buf[n++] = digits[v % base];
        v /= base;
    } while (v != 0);

    int len = n + (negative ? 1 : 0);
    int pad = width > len ? width - len : 0;

    if (!left && !zero_pad)
        for (; pad > 0; pad--, out++)
            putc(' ');
    if (negative) {
        putc('-');
        out++;
    }
    if (!left && zero_pad)
        for (; pad > 0; pad--, out++)
            putc('0');
    while (n > 0) {
        putc(buf[--n]);
        out++;
    }
    for (; pad > 0; pad--, out++)
        putc(' ');
    return out;
}

int vprintf(const char *fmt, va_list ap)
{
    int out = 0;

    for (; *fmt; fmt++) {
        if (*fmt != '%') {
            putc(*fmt);
            out++;
            continue;
        }
        fmt++;
        int left = 0, zero_pad = 0, width = 0;
        for (;; fmt++) {
            if (*fmt == '-')
                left = 1;
            else if (*fmt == '0')
                zero_pad = 1;
            else
                break;
        }
        while (*fmt >= '0' && *fmt <= '9')
            width = width * 10 + (*fmt++ - '0');
        while (*fmt == 'l')             /* long == int on ilp32 */
            fmt++;

        switch (*fmt) {
        case 'd': {
            int32_t v = va_arg(ap, int32_t);
            /* negate in unsigned arithmetic so INT32_MIN works */
            uint32_t mag = v < 0 ? 0u - (uint32_t)v : (uint32_t)v;
            out += put_number(mag, 10, 0, v < 0, width, zero_pad, left);
            break;
        }
        case 'u':
            out += put_number(va_arg(ap, uint32_t), 10, 0, 0,
                              width, zero_pad, left);
            break;
        case 'x':
        case 'X':
            out += put_number(va_arg(ap, uint32_t), 16, *fmt == 'X', 0,
                              width, zero_pad, left);
            break;
        case 'c': {
            int pad = width > 1 ? width - 1 : 0;
            if (!left)
                for (; pad > 0; pad--, out++)
                    putc(' ');
            putc((char)va_arg(ap, int));
            out++;
            for (; pad > 0; pad--, out++)
                putc(' ');
            break;
        }
        case 's': {
            const char *s = va_arg(ap, const char *);
            if (s == NULL)
                s = "(null)";
            int pad = width - (int)strlen(s);
            if (!left)
                for (; pad > 0; pad--, out++)
                    putc(' ');
            while (*s) {
                putc(*s++);
                out++;
            }
            for (; pad > 0; pad--, out++)
                putc(' ');
            break;
        }
        case '%':
            putc('%');
            out++;
            break;
        case '\0':
            return out;                 /* lone '%' at the end */
        default:                        /* unknown: print it verbatim */
            putc('%');
            putc(*fmt);
            out += 2;
            break;
        }
    }
    return out;
}

int printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vprintf(fmt, ap);
    va_end(ap);
    return n;
}
