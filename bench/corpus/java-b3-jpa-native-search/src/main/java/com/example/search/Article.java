package com.example.search;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;

@Entity
@Table(name = "articles")
public class Article {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String title;
    private String author;
    private String section;
    private String status;

    @Column(name = "published_at")
    private LocalDate publishedAt;

    @Column(name = "view_count")
    private long viewCount;

    @ManyToMany
    @JoinTable(name = "article_tags")
    private Set<Tag> tags = new HashSet<>();

    public Long getId() {
        return id;
    }

    public String getTitle() {
        return title;
    }

    public String getAuthor() {
        return author;
    }

    public String getSection() {
        return section;
    }

    public LocalDate getPublishedAt() {
        return publishedAt;
    }

    public long getViewCount() {
        return viewCount;
    }

    public Set<Tag> getTags() {
        return tags;
    }

    @Entity
    @Table(name = "tags")
    public static class Tag {
        @Id
        private Long id;
        private String name;

        public String getName() {
            return name;
        }
    }
}
