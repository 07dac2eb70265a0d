package schema

import "fmt"

// ErrorKind is the class of what went wrong with a file, for programs:
// Record.Error says it for people.
type ErrorKind string

const (
	KindEncrypted   ErrorKind = "encrypted"     // a password is needed to read the file
	KindNoTextLayer ErrorKind = "no_text_layer" // a scan: the text must be OCR'd
	KindNotReport   ErrorKind = "not_report"    // readable, but not an annual report
	KindBlankForm   ErrorKind = "blank_form"    // the template's tables with no values filled in
	KindNoTables    ErrorKind = "no_tables"     // a report, but none of its tables was found
	KindIncomplete  ErrorKind = "incomplete"    // status partial: part of the report is missing
	KindTimeout     ErrorKind = "timeout"       // reading took longer than allowed
	KindTooLarge    ErrorKind = "too_large"     // the file, or a part of it, is over the size limit
	KindCorrupt     ErrorKind = "corrupt"       // damaged beyond repair
	KindEmpty       ErrorKind = "empty"         // no bytes, or no content
	KindUnsupported ErrorKind = "unsupported"   // a format gongkai does not read
	KindConverter   ErrorKind = "converter"     // an external program (LibreOffice, Tesseract) is missing or failed
	KindIO          ErrorKind = "io"            // the file could not be read from disk
	KindInternal    ErrorKind = "internal"      // a bug in gongkai: please report it
)

// ErrorKinds are the values of Record.ErrorKind.
var ErrorKinds = []ErrorKind{KindEncrypted, KindNoTextLayer, KindNotReport, KindBlankForm, KindNoTables,
	KindIncomplete, KindTimeout, KindTooLarge, KindCorrupt, KindEmpty, KindUnsupported, KindConverter, KindIO, KindInternal}

// ProblemKind is the class of a Problem.
type ProblemKind string

const (
	ProblemUnrecognisedRow    ProblemKind = "unrecognised_row"    // a row whose label names no key: its values are not used
	ProblemUnrecognisedColumn ProblemKind = "unrecognised_column" // a column whose header names no key
	ProblemGuessedRow         ProblemKind = "guessed_row"         // a row placed by its number, its label unreadable
	ProblemPositioned         ProblemKind = "positioned"          // values placed by position: more or fewer cells than columns
	ProblemNoValue            ProblemKind = "no_value"            // a key's cell is missing
	ProblemNotNumber          ProblemKind = "not_a_number"        // a key's cell prints something else
	ProblemRepeated           ProblemKind = "repeated"            // a row or value printed twice: the first was kept
	ProblemReread             ProblemKind = "reread"              // a value read in another unit than printed (1.2万 as 12000)
	ProblemUnit               ProblemKind = "unit"                // a count printed as an amount of money
	ProblemUnknownKey         ProblemKind = "unknown_key"         // a value for a key outside fields.tsv
	ProblemMissingTable       ProblemKind = "missing_table"       // one of the template's tables was not found
	ProblemMissingRow         ProblemKind = "missing_row"         // a row of a table found was not read
	ProblemTruncated          ProblemKind = "truncated"           // the document, or a page's content, stops early
	ProblemUnreadablePage     ProblemKind = "unreadable_page"     // a page, or a part of the file, could not be read
	ProblemDuplicateFile      ProblemKind = "duplicate_file"      // the same bytes as another input (Source.DuplicateOf)
	ProblemNoValues           ProblemKind = "no_values"           // a report whose figures are not in the template's tables
	ProblemBlankTotal         ProblemKind = "blank_total"         // a total left blank whose parts are not 0: absent, not 0
	ProblemChosenColumn       ProblemKind = "chosen_column"       // values read from one of several columns (a table per tier with no total)
	ProblemOCR                ProblemKind = "ocr"                 // text read from pictures by OCR: every value may be misread
	ProblemOCRUncertain       ProblemKind = "ocr_uncertain"       // a value read by OCR in an identity that fails: a likely misreading
	ProblemPath               ProblemKind = "path"                // the file name is not UTF-8
	ProblemWarning            ProblemKind = "warning"             // a warning of a record before 1.2.0
)

// ProblemKinds are the values of Problem.Kind.
var ProblemKinds = []ProblemKind{ProblemUnrecognisedRow, ProblemUnrecognisedColumn, ProblemGuessedRow, ProblemPositioned,
	ProblemNoValue, ProblemNotNumber, ProblemRepeated, ProblemReread, ProblemUnit, ProblemUnknownKey, ProblemMissingTable,
	ProblemMissingRow, ProblemTruncated, ProblemUnreadablePage, ProblemDuplicateFile, ProblemNoValues, ProblemBlankTotal, ProblemChosenColumn, ProblemOCR, ProblemOCRUncertain, ProblemPath, ProblemWarning}

// Problem is something a reviewer should look at, where it is.
type Problem struct {
	Kind ProblemKind `json:"kind"`
	// Key is the canonical key concerned, or for a row of table 三 the
	// row's prefix ("applications.denied.state_secret").
	Key     string `json:"key,omitempty"`
	Page    int    `json:"page,omitempty"`
	Table   int    `json:"table,omitempty"` // the document's table, counted from 1
	Row     int    `json:"row,omitempty"`   // row and column in that table, from 1
	Col     int    `json:"col,omitempty"`
	Message string `json:"message"`
}

// String is the problem's message with its place.
func (p Problem) String() string {
	if p.Page > 0 {
		return fmt.Sprintf("page %d: %s", p.Page, p.Message)
	}
	return p.Message
}
