package io.trainyard.server.registry.pages;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Model cards are Markdown written by users and read by others: raw HTML in them is escaped (shown as text,
 * never run) and link targets other than http(s), mailto and relative ones are dropped.
 */
final class ModelCardRenderer {

    private static final Parser PARSER = Parser.builder().build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();

    private ModelCardRenderer() {
    }

    static String toSafeHtml(String markdown) {
        return markdown == null ? "" : RENDERER.render(PARSER.parse(markdown));
    }
}
