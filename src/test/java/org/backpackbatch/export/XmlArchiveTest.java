package org.backpackbatch.export;

import static javax.xml.stream.XMLStreamConstants.START_ELEMENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.backpackbatch.export.BackedUpStore.run;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.stream.XMLStreamReader;
import org.backpackbatch.api.model.Page;
import org.backpackbatch.api.xml.BackpackXmlReader;
import org.backpackbatch.store.PageRecords.StoredPage;
import org.backpackbatch.store.Snapshot;
import org.backpackbatch.store.Store;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** The archive of a generated account is well-formed XML whose pages any reader of the API's page XML reads. */
class XmlArchiveTest {

    @TempDir
    static Path dir;

    private static Path archive;
    private static Snapshot snapshot;
    private static List<StoredPage> pages;

    @BeforeAll
    static void backUpAndExport() throws Exception {
        Path store = dir.resolve("store.db");
        snapshot = BackedUpStore.create(store, BackedUpStore.PAGES);
        archive = dir.resolve("archive.xml");
        run("export", "--db", store.toString(), "--format", "xml", "--out", archive.toString());
        try (Store session = Store.open(store, Store.Access.READ)) {
            pages = BackedUpStore.pages(session.snapshots(), snapshot.id());
        }
    }

    @Test
    void itIsWellFormedWithTheRootAndPagesOfTheFormat() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document document = factory.newDocumentBuilder().parse(archive.toFile());
        Element root = document.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("backpack-archive");
        assertThat(root.getAttribute("version")).isEqualTo("1");
        assertThat(root.getAttribute("account")).isEqualTo(snapshot.account());
        assertThat(root.getAttribute("snapshot")).isEqualTo(Long.toString(snapshot.id()));
        assertThat(root.getAttribute("taken_at")).isEqualTo(snapshot.startedAt());
        NodeList pageElements = document.getElementsByTagName("page");
        assertThat(pageElements.getLength()).isEqualTo(pages.size());
        Element first = (Element) pageElements.item(0);
        assertThat(((Element) first.getParentNode()).getTagName()).isEqualTo("pages");
        assertThat(first.getAttribute("scope")).isNotEmpty();
        List<String> children = new ArrayList<>();
        for (Node child = first.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element) {
                children.add(element.getTagName());
            }
        }
        assertThat(children).startsWith("belongings", "notes", "lists").contains("tags").endsWith("emails");
        assertThat(Files.readString(archive).lines().filter(line -> line.startsWith("    <page ")).count())
                .as("each page starts a line of its own").isEqualTo(pages.size());
    }

    @Test
    void theClientsPageReaderReadsEveryPage() throws Exception {
        List<Page> read = new ArrayList<>();
        try (InputStream in = Files.newInputStream(archive)) {
            XMLStreamReader xml = BackpackXmlReader.openStream(in);
            while (xml.hasNext()) {
                if (xml.next() == START_ELEMENT && xml.getLocalName().equals("page")) {
                    read.add(BackpackXmlReader.readPage(xml));
                }
            }
        }
        assertThat(read).isEqualTo(pages.stream().map(StoredPage::page).toList());
    }
}
