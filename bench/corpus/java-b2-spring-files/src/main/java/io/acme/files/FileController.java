package io.acme.files;

import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.CrossOrigin;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
@RequestMapping("/api/files")
public class FileController {

    private final FileStore store;

    public FileController(FileStore store) {
        this.store = store;
    }

    @GetMapping
    public List<FileInfo> list() {
        return store.list();
    }

    // expect: permissive-cors
    @CrossOrigin
    @PostMapping
    public ResponseEntity<FileInfo> upload(@RequestParam("file") MultipartFile file) throws Exception {
        return ResponseEntity.ok(store.save(file.getOriginalFilename(), file.getBytes()));
    }

    // ok: permissive-cors
    @CrossOrigin(origins = "${app.frontend-url}")
    @GetMapping("/{id}")
    public ResponseEntity<byte[]> download(@PathVariable String id) {
        return ResponseEntity.ok(store.read(id));
    }

    // expect: permissive-cors
    @CrossOrigin(origins = "*", allowCredentials = "false")
    @GetMapping("/{id}/thumbnail")
    public ResponseEntity<byte[]> thumbnail(@PathVariable String id) {
        return ResponseEntity.ok(store.thumbnail(id));
    }

    // ok: permissive-cors
    @CrossOrigin(origins = {"https://app.acme.io", "https://admin.acme.io"})
    @GetMapping("/{id}/meta")
    public FileInfo meta(@PathVariable String id) {
        return store.info(id);
    }
}
