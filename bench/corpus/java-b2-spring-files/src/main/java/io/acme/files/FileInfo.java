package io.acme.files;

import java.time.Instant;

public record FileInfo(String id, String name, long size, Instant uploadedAt) {
}
