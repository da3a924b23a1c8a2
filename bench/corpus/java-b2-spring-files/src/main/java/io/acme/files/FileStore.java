package io.acme.files;

import java.util.List;

public interface FileStore {
    List<FileInfo> list();

    FileInfo save(String name, byte[] content);

    FileInfo info(String id);

    byte[] read(String id);

    byte[] thumbnail(String id);
}
