"""Attachments (附件) are content: private until published, and screened with the page.

- ``references.attachments_used_by(obj)``: the documents and images an object uses
  (foreign keys, chooser blocks at any depth, rich-text links and embeds);
- ``extraction.extract_text(name, data)`` / ``extraction.document_text(document)``:
  text of PDF, DOCX, XLSX and plain-text files, in a limited separate process, cached
  by file hash;
- ``sources.attachment_screening_sources(obj)``: registered for the
  ``govinfo_screening_sources`` hook, one ``ScreeningSource`` per attachment;
- ``privacy``: documents and images are served to the public only while live content
  uses them (``before_serve_document`` hook for documents), see
  ``docs/integrators/attachments.md``;
- ``image_files``: the view answering ``MEDIA_URL``, which serves an image's original or
  renditions under that rule and nothing else.

Submodules are imported where they are used, so that ``worker.py`` can run as a plain
script without Django.
"""
