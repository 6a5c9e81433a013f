/*
 * standalone_main.c - runs a fuzz target over files, without libFuzzer.
 *
 * Lets every seed corpus file run as an ordinary test under gcc (and under
 * ASan in the sanitizer build), as json-c's fuzzers do.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        if (!f) {
            perror(argv[i]);
            return 2;
        }
        fseek(f, 0, SEEK_END);
        long n = ftell(f);
        fseek(f, 0, SEEK_SET);
        uint8_t *buf = malloc(n > 0 ? (size_t)n : 1);
        if (!buf || (n > 0 && fread(buf, 1, (size_t)n, f) != (size_t)n)) {
            fprintf(stderr, "%s: cannot read\n", argv[i]);
            fclose(f);
            free(buf);
            return 2;
        }
        fclose(f);
        LLVMFuzzerTestOneInput(buf, n > 0 ? (size_t)n : 0);
        free(buf);
    }
    printf("ran %d input(s)\n", argc - 1);
    return 0;
}
