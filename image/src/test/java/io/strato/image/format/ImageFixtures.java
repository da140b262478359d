package io.strato.image.format;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Disk image headers written by hand, after each format's specification, and ways to inspect them. */
final class ImageFixtures {
    static final Path DIRECTORY = Path.of("target", "format-fixtures");
    static final long MEBIBYTE = 1024 * 1024;

    private ImageFixtures() {
    }

    /** Writes {@code content} under target/ and returns the file. */
    static Path write(String name, byte[] content) {
        try {
            Files.createDirectories(DIRECTORY);
            Path file = DIRECTORY.resolve(name);
            Files.write(file, content);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Streams {@code file} through a fresh inspector, {@code chunkSize} bytes at a time. */
    static Inspection inspect(Path file, int chunkSize) {
        FormatInspector inspector = new FormatInspector();
        byte[] buffer = new byte[chunkSize];
        try (InputStream input = Files.newInputStream(file)) {
            for (int read = input.readNBytes(buffer, 0, chunkSize); read > 0; read = input.readNBytes(buffer, 0, chunkSize)) {
                inspector.update(buffer, 0, read);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return inspector.finish();
    }

    /** Presents {@code image} to a fresh inspector {@code chunkSize} bytes at a time. */
    static Inspection inspect(byte[] image, int chunkSize) {
        FormatInspector inspector = new FormatInspector();
        for (int offset = 0; offset < image.length; offset += chunkSize) {
            inspector.update(image, offset, Math.min(chunkSize, image.length - offset));
        }
        return inspector.finish();
    }

    static ByteBuffer little(byte[] data) {
        return ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    }

    static ByteBuffer big(byte[] data) {
        return ByteBuffer.wrap(data).order(ByteOrder.BIG_ENDIAN);
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    // qcow2 --------------------------------------------------------------------------------------

    static byte[] qcow2(int version, long backingFileOffset, int clusterBits, long virtualSize, long incompatibleFeatures) {
        byte[] image = new byte[4096];
        ByteBuffer header = big(image);
        header.put(0, new byte[] {'Q', 'F', 'I', (byte) 0xfb});
        header.putInt(4, version);
        header.putLong(8, backingFileOffset);
        header.putInt(16, backingFileOffset == 0 ? 0 : 9);
        header.putInt(20, clusterBits);
        header.putLong(24, virtualSize);
        if (version >= 3) {
            header.putLong(72, incompatibleFeatures);
            header.putInt(96, 4);
            header.putInt(100, 104);
        }
        if (backingFileOffset != 0) {
            header.put((int) backingFileOffset, ascii("base.qcow2"));
        }
        return image;
    }

    static byte[] qcow2(long virtualSize) {
        return qcow2(3, 0, 16, virtualSize, 0);
    }

    // VMDK ---------------------------------------------------------------------------------------

    static String descriptor(String createType, String... extents) {
        StringBuilder text = new StringBuilder("# Disk DescriptorFile\nversion=1\nCID=12345678\nparentCID=ffffffff\n");
        text.append("createType=\"").append(createType).append("\"\n\n# Extent description\n");
        for (String extent : extents) {
            text.append(extent).append('\n');
        }
        text.append("\n# The Disk Data Base\n#DDB\n\nddb.virtualHWVersion = \"4\"\nddb.adapterType = \"ide\"\n");
        return text.toString();
    }

    /** A hosted sparse extent: 512-byte header, descriptor at sector 1 (20 sectors), then padding. */
    static byte[] vmdkSparse(long capacitySectors, long descriptorSector, long grainDirectory, String descriptor) {
        byte[] image = new byte[64 * 1024];
        ByteBuffer header = little(image);
        header.put(0, ascii("KDMV"));
        header.putInt(4, 1);
        header.putInt(8, 3);
        header.putLong(12, capacitySectors);
        header.putLong(20, 128);
        header.putLong(28, descriptorSector);
        header.putLong(36, 20);
        header.putInt(44, 512);
        header.putLong(48, 21);
        header.putLong(56, grainDirectory);
        byte[] text = ascii(descriptor);
        System.arraycopy(text, 0, image, 512, text.length);
        return image;
    }

    static byte[] vmdkMonolithicSparse(long capacitySectors) {
        return vmdkSparse(capacitySectors, 1, 40, descriptor("monolithicSparse", "RW " + capacitySectors + " SPARSE \"disk.vmdk\""));
    }

    /** A stream-optimized VMDK whose grain directory lives in a footer, with footer and markers. */
    static byte[] vmdkStreamOptimizedWithFooter(long capacitySectors, boolean validFooter) {
        byte[] body = vmdkSparse(capacitySectors, 1, -1, descriptor("streamOptimized", "RW " + capacitySectors + " SPARSE \"disk.vmdk\""));
        byte[] image = Arrays.copyOf(body, body.length + 3 * 512);
        int markers = body.length;
        little(image).putInt(markers + 12, 3);
        System.arraycopy(body, 0, image, markers + 512, 512);
        little(image).putLong(markers + 512 + 56, validFooter ? 40 : -1);
        return image;
    }

    // VDI ----------------------------------------------------------------------------------------

    static byte[] vdi(int imageType, long diskSize) {
        byte[] image = new byte[2048];
        ByteBuffer header = little(image);
        header.put(0, ascii("<<< Oracle VM VirtualBox Disk Image >>>\n"));
        header.putInt(0x40, 0xbeda107f);
        header.putInt(0x44, 0x00010001);
        header.putInt(0x48, 0x190);
        header.putInt(0x4c, imageType);
        header.putInt(0x154, 0x200);
        header.putInt(0x158, 0x400);
        header.putInt(0x168, 512);
        header.putLong(0x170, diskSize);
        header.putInt(0x178, 1 << 20);
        return image;
    }

    // VHD ----------------------------------------------------------------------------------------

    static byte[] vhdFooter(int diskType, String creator, long currentSize, int cylinders, int heads, int sectorsPerTrack) {
        byte[] footer = new byte[512];
        ByteBuffer buffer = big(footer);
        buffer.put(0, ascii("conectix"));
        buffer.putInt(8, 2);
        buffer.putInt(12, 0x00010000);
        buffer.putLong(16, diskType == 2 ? -1 : 512);
        buffer.put(28, ascii(creator));
        buffer.putLong(40, currentSize);
        buffer.putLong(48, currentSize);
        buffer.putShort(56, (short) cylinders);
        buffer.put(58, (byte) heads);
        buffer.put(59, (byte) sectorsPerTrack);
        buffer.putInt(60, diskType);
        buffer.putInt(64, (int) VhdFooter.checksum(footer));
        return footer;
    }

    /** A dynamic (or differencing) VHD: footer copy, dynamic header, footer. */
    static byte[] vhdDynamic(byte[] footer) {
        byte[] image = new byte[512 + 1024 + 512];
        System.arraycopy(footer, 0, image, 0, 512);
        System.arraycopy(ascii("cxsparse"), 0, image, 512, 8);
        System.arraycopy(footer, 0, image, image.length - 512, 512);
        return image;
    }

    /** A fixed VHD: the disk's bytes then the footer. */
    static byte[] vhdFixed(int dataLength, byte[] footer) {
        byte[] image = new byte[dataLength + 512];
        Arrays.fill(image, 0, dataLength, (byte) 0x5a);
        System.arraycopy(footer, 0, image, dataLength, 512);
        return image;
    }

    // VHDX ---------------------------------------------------------------------------------------

    /**
     * A VHDX whose metadata region starts at {@code metadataOffset}: identifier, region table with a
     * BAT and a metadata entry, metadata table with file parameters and virtual disk size items.
     */
    static byte[] vhdx(long virtualSize, int metadataOffset) {
        int length = metadataOffset + 128 * 1024;
        byte[] image = new byte[length];
        ByteBuffer buffer = little(image);
        buffer.put(0, ascii("vhdxfile"));
        int table = 192 * 1024;
        buffer.putInt(table, 0x69676572);
        buffer.putInt(table + 8, 2);
        buffer.put(table + 16, VhdxLocator.guid("2DC27766-F623-4200-9D64-115E9BFD4A08"));
        buffer.putLong(table + 16 + 16, 1024 * 1024);
        buffer.putInt(table + 16 + 24, 1024 * 1024);
        buffer.put(table + 48, VhdxLocator.guid("8B7CA206-4790-4B9A-B8FE-575F050F886E"));
        buffer.putLong(table + 48 + 16, metadataOffset);
        buffer.putInt(table + 48 + 24, 1024 * 1024);
        buffer.put(metadataOffset, ascii("metadata"));
        buffer.putShort(metadataOffset + 10, (short) 2);
        int entry = metadataOffset + 32;
        buffer.put(entry, VhdxLocator.guid("CAA16737-FA36-4D43-B3B6-33F0AA44E76B"));
        buffer.putInt(entry + 16, 64 * 1024);
        buffer.putInt(entry + 20, 8);
        buffer.put(entry + 32, VhdxLocator.guid("2FA54224-CD1B-4876-B211-5DBED83BF4B8"));
        buffer.putInt(entry + 32 + 16, 64 * 1024 + 8);
        buffer.putInt(entry + 32 + 20, 8);
        buffer.putInt(metadataOffset + 64 * 1024, 32 * 1024 * 1024);
        buffer.putLong(metadataOffset + 64 * 1024 + 8, virtualSize);
        return image;
    }

    // ISO, MBR, GPT --------------------------------------------------------------------------------

    /** An ISO 9660 image whose first volume descriptor sits at 0x8000, followed by a terminator. */
    static byte[] iso(int blocks) {
        byte[] image = new byte[blocks * 2048];
        primaryVolumeDescriptor(image, 0x8000, "CD001", blocks);
        image[0x8800] = (byte) 0xff;
        System.arraycopy(ascii("CD001"), 0, image, 0x8801, 5);
        image[0x8806] = 1;
        return image;
    }

    static void primaryVolumeDescriptor(byte[] image, int offset, String identifier, int blocks) {
        ByteBuffer buffer = little(image);
        image[offset] = 1;
        buffer.put(offset + 1, ascii(identifier));
        image[offset + 6] = 1;
        buffer.putInt(offset + 80, blocks);
        buffer.putShort(offset + 128, (short) 2048);
    }

    /** A UDF image: BEA01 at 0x8001, then NSR02, then TEA01. */
    static byte[] udf(int blocks) {
        byte[] image = new byte[blocks * 2048];
        System.arraycopy(ascii("BEA01"), 0, image, 0x8001, 5);
        System.arraycopy(ascii("NSR02"), 0, image, 0x8801, 5);
        System.arraycopy(ascii("TEA01"), 0, image, 0x9001, 5);
        return image;
    }

    static void partition(byte[] image, int index, int bootFlag, int type, int startHead, int startSector, long startLba, long sectors) {
        int entry = 446 + index * 16;
        ByteBuffer buffer = little(image);
        image[entry] = (byte) bootFlag;
        image[entry + 1] = (byte) startHead;
        image[entry + 2] = (byte) startSector;
        image[entry + 3] = 0;
        image[entry + 4] = (byte) type;
        buffer.putInt(entry + 8, (int) startLba);
        buffer.putInt(entry + 12, (int) sectors);
        image[510] = 0x55;
        image[511] = (byte) 0xaa;
    }

    static byte[] mbrDisk(int length) {
        byte[] image = new byte[length];
        partition(image, 0, 0x80, 0x83, 0x20, 0x21, 2048, length / 512 - 2048);
        return image;
    }

    static byte[] gptDisk(int length) {
        byte[] image = new byte[length];
        partition(image, 0, 0, 0xee, 0, 2, 1, length / 512 - 1);
        System.arraycopy(ascii("EFI PART"), 0, image, 512, 8);
        return image;
    }

    // QED, LUKS ------------------------------------------------------------------------------------

    static byte[] qed(long imageSize) {
        byte[] image = new byte[4096];
        ByteBuffer buffer = little(image);
        buffer.put(0, new byte[] {'Q', 'E', 'D', 0});
        buffer.putInt(4, 64 * 1024);
        buffer.putInt(8, 4);
        buffer.putInt(12, 1);
        buffer.putLong(40, 0x10000);
        buffer.putLong(48, imageSize);
        return image;
    }

    static byte[] luks(int version, int payloadSectors, int length) {
        byte[] image = new byte[length];
        ByteBuffer buffer = big(image);
        buffer.put(0, new byte[] {'L', 'U', 'K', 'S', (byte) 0xba, (byte) 0xbe});
        buffer.putShort(6, (short) version);
        buffer.put(8, ascii("aes"));
        buffer.put(40, ascii("xts-plain64"));
        buffer.put(72, ascii("sha256"));
        buffer.putInt(104, payloadSectors);
        buffer.putInt(108, 64);
        return image;
    }

    static byte[] concatenate(byte[] first, byte[] second) {
        byte[] result = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, result, first.length, second.length);
        return result;
    }
}
