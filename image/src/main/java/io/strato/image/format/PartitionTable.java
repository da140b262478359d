package io.strato.image.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An MBR, or a GPT behind its protective MBR: the boot signature {@code 55 AA} at 510 (FAT volume
 * boot records, which carry the same signature, are told apart by their BIOS parameter block). Such
 * content is still a raw image; it is reported so that a partitioned disk carrying another format's
 * header counts as matching several formats. Its MBR is checked as oslo.utils checks it: valid boot
 * flags, at least one partition, and a protective MBR that is well-formed and alone.
 */
final class PartitionTable {
    static final int SECTOR_SIZE = 512;
    static final int SIGNATURE_OFFSET = 510;
    static final int FIRST_ENTRY_OFFSET = 446;
    static final int ENTRY_SIZE = 16;
    static final int PROTECTIVE_TYPE = 0xee;
    static final int FAT_COUNT_OFFSET = 0x10;
    static final int MEDIA_DESCRIPTOR_OFFSET = 0x15;
    static final int FIXED_DISK_MEDIA = 0xf8;

    private PartitionTable() {
    }

    static Optional<FormatMatch> inspect(StreamSnapshot stream) {
        if (!stream.headCovers(0, SECTOR_SIZE)) {
            return Optional.empty();
        }
        byte[] head = stream.head();
        boolean signed = Bytes.unsignedByte(head, SIGNATURE_OFFSET) == 0x55 && Bytes.unsignedByte(head, SIGNATURE_OFFSET + 1) == 0xaa;
        boolean fatBootRecord = Bytes.unsignedByte(head, FAT_COUNT_OFFSET) == 2
                && Bytes.unsignedByte(head, MEDIA_DESCRIPTOR_OFFSET) == FIXED_DISK_MEDIA;
        if (!signed || fatBootRecord) {
            return Optional.empty();
        }
        List<String> problems = new ArrayList<>();
        List<Integer> used = new ArrayList<>();
        boolean protective = false;
        for (int index = 0; index < 4; index++) {
            int entry = FIRST_ENTRY_OFFSET + index * ENTRY_SIZE;
            int bootFlag = Bytes.unsignedByte(head, entry);
            int type = Bytes.unsignedByte(head, entry + 4);
            if (bootFlag != 0x00 && bootFlag != 0x80) {
                problems.add("MBR partition " + index + " has an invalid boot flag");
            }
            if (type != 0) {
                used.add(index);
            }
            if (type == PROTECTIVE_TYPE) {
                protective = true;
                if (Bytes.unsignedByte(head, entry + 1) != 0 || Bytes.unsignedByte(head, entry + 2) != 2
                        || Bytes.unsignedByte(head, entry + 3) != 0) {
                    problems.add("GPT protective MBR has an invalid start CHS");
                }
                if (Bytes.uint32LittleEndian(head, entry + 8) != 1) {
                    problems.add("GPT protective MBR has an invalid start LBA");
                }
            }
        }
        if (protective && !used.equals(List.of(0))) {
            problems.add("GPT protective MBR defines invalid extra partitions");
        }
        if (used.isEmpty()) {
            problems.add("MBR has no partitions defined");
        }
        return Optional.of(new FormatMatch(DiskFormat.RAW, protective ? "gpt" : "mbr", stream.size(), problems, false));
    }
}
