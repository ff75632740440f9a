// The document's XMP metadata, written here rather than by pdfkit: pdfkit's
// packet leaves out the modification date, adds a stray lower-case "length"
// key to the stream's dictionary, and puts the participant's name into XML
// unescaped (a name with "&" or "<" in it made the packet unreadable).

export interface XmpInfo {
  title: string;
  author: string;
  subject: string;
  keywords: string;
  creator: string;
  producer: string;
  date: Date;
  lang: string;
}

const esc = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    // Characters XML 1.0 does not allow, even escaped.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '\ufffd');

/** The XMP packet: Dublin Core, the XMP dates and tool, and the PDF producer and keywords. */
export function xmpPacket(info: XmpInfo): string {
  const when = `${info.date.toISOString().split('.')[0]}Z`;
  return `<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
<xmp:CreateDate>${when}</xmp:CreateDate>
<xmp:ModifyDate>${when}</xmp:ModifyDate>
<xmp:MetadataDate>${when}</xmp:MetadataDate>
<xmp:CreatorTool>${esc(info.creator)}</xmp:CreatorTool>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${esc(info.title)}</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>${esc(info.author)}</rdf:li></rdf:Seq></dc:creator>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${esc(info.subject)}</rdf:li></rdf:Alt></dc:description>
<dc:language><rdf:Bag><rdf:li>${esc(info.lang)}</rdf:li></rdf:Bag></dc:language>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
<pdf:Producer>${esc(info.producer)}</pdf:Producer>
<pdf:Keywords>${esc(info.keywords)}</pdf:Keywords>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="r"?>`;
}

interface MetadataDoc {
  endMetadata(): void;
  ref(data: object): { compress: boolean; write(bytes: Uint8Array): void; end(): void };
  _root: { data: { Metadata?: unknown } };
}

/** Has the document write `xmpPacket(info)` as its metadata stream when it ends, in place of pdfkit's own. */
export function useXmp(doc: PDFKit.PDFDocument, info: XmpInfo): void {
  const d = doc as unknown as MetadataDoc;
  d.endMetadata = () => {
    const bytes = new TextEncoder().encode(xmpPacket(info));
    // Uncompressed, as XMP is meant to be readable by tools that do not parse PDF; pdfkit writes its Length.
    const ref = d.ref({ Type: 'Metadata', Subtype: 'XML' });
    ref.compress = false;
    ref.write(bytes);
    ref.end();
    d._root.data.Metadata = ref;
  };
}
