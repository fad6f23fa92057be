package io.trunkline.gateway.repository;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.trunkline.gateway.KeywordAlias;

@ApplicationScoped
public class KeywordAliasRepository implements PanacheRepositoryBase<KeywordAlias, KeywordAlias.Key> {

    public Optional<KeywordAlias> findWord(String numberId, String word) {
        return findByIdOptional(new KeywordAlias.Key(numberId, word));
    }

    public List<KeywordAlias> forKeyword(String keywordId) {
        return list("keywordId", Sort.ascending("word"), keywordId);
    }
}
