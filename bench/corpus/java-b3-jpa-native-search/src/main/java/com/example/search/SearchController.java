package com.example.search;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/articles")
public class SearchController {

    private final ArticleSearchRepository repo;
    private final JdbcTemplate jdbc;

    public SearchController(ArticleSearchRepository repo, JdbcTemplate jdbc) {
        this.repo = repo;
        this.jdbc = jdbc;
    }

    private static String statsTable(String tenant) {
        return "article_stats_" + tenant;
    }

    @GetMapping("/search")
    public List<Object[]> search(@RequestParam String q, @RequestParam(defaultValue = "20") int limit) {
        return repo.ranked(q, Math.min(limit, 100));
    }

    @GetMapping("/tag/{tag}")
    public List<Article> byTag(@PathVariable String tag) {
        return repo.byTagJpql(tag);
    }

    @GetMapping("/headlines")
    public List<Object[]> headlines(@RequestParam String q, @RequestParam(defaultValue = "english") String lang) {
        return repo.headlines(q, lang);
    }

    @GetMapping
    public List<Article> list(@RequestParam(required = false) String section,
                              @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                              @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                              @RequestParam(defaultValue = "newest") String sort) {
        return repo.filter(section, from, to, sort);
    }

    @GetMapping("/archive")
    public List<Object[]> archive(@RequestParam(required = false) String section,
                                  @RequestParam(required = false) String year,
                                  @RequestParam(required = false) String sort) {
        return repo.archive(section, year, sort);
    }

    @GetMapping("/{id}/views")
    public Integer views(@PathVariable long id) {
        // ok: sql-injection
        return jdbc.queryForObject("SELECT view_count FROM articles WHERE id = ?", Integer.class, id);
    }

    @GetMapping("/tenants/{tenant}/stats")
    public List<Map<String, Object>> tenantStats(@PathVariable String tenant) {
        // expect: sql-injection
        return jdbc.queryForList("SELECT day, views FROM " + statsTable(tenant) + " ORDER BY day DESC LIMIT 30");
    }

    @GetMapping("/{id}/bump")
    public int bump(@PathVariable long id, @RequestParam(defaultValue = "web") String source) {
        // expect: sql-injection
        return jdbc.update("UPDATE articles SET view_count = view_count + 1, last_source = '" + source + "' WHERE id = ?", id);
    }

    @GetMapping("/popular")
    public List<Map<String, Object>> popular(@RequestParam(defaultValue = "7") int days) {
        // ok: sql-injection
        return jdbc.queryForList("SELECT id, title FROM articles WHERE published_at > now() - make_interval(days => ?) ORDER BY view_count DESC LIMIT 10", days);
    }
}
