//! Parquet that every Arrow reader opens: text columns as Arrow `large_string`, not the
//! `string_view` type polars writes by default, which readers built before it (older R arrow,
//! DuckDB and pyarrow releases) cannot read; whole numbers as signed integers (`int64`), since
//! Spark before 3.2 refuses unsigned Parquet columns and later releases read `uint64` as a
//! decimal. Zstd pages with statistics, as polars writes them.

use crate::error::Result;
use polars::prelude::{
    ArrayRef, ArrowSchema, CompatLevel, DataFrame, DataType, PolarsError, Schema, SchemaExt,
};
use polars_io::parquet::write::{get_encodings, ParquetCompression, StatisticsOptions};
use polars_parquet::write::{
    array_to_columns, compress, fallible_streaming_iterator, to_parquet_schema, CompressedPage,
    DynIter, DynStreamingIterator, Encoding, FileWriter, ParquetType, SchemaDescriptor, Version,
    WriteOptions,
};
use rayon::prelude::*;
use std::io::Write;

/// The oldest Arrow types polars can write: `large_string` for text, `large_list` for lists.
const COMPAT: CompatLevel = CompatLevel::oldest();

/// Writes frames of one schema as the row groups of one Parquet file.
pub struct Writer<W: Write> {
    file: FileWriter<W>,
    parquet: SchemaDescriptor,
    encodings: Vec<Vec<Encoding>>,
    options: WriteOptions,
}

impl<W: Write> Writer<W> {
    /// A writer of frames with `schema` into `w`.
    pub fn new(w: W, schema: &Schema) -> Result<Self> {
        let signed: Schema = schema
            .iter()
            .map(|(name, dt)| (name.clone(), signed(dt)))
            .collect();
        let arrow: ArrowSchema = signed.to_arrow(COMPAT);
        let options = WriteOptions {
            statistics: StatisticsOptions::default(),
            version: Version::V1,
            compression: ParquetCompression::default().into(),
            data_page_size: None,
        };
        let parquet = to_parquet_schema(&arrow)?;
        let encodings = get_encodings(&arrow).to_vec();
        Ok(Writer {
            file: FileWriter::try_new(w, arrow, options)?,
            parquet,
            encodings,
            options,
        })
    }

    /// Writes `df` (of the writer's schema) as one or more row groups.
    pub fn write(&mut self, df: &DataFrame) -> Result<()> {
        let groups = self.encoder().encode(df.clone(), false)?;
        self.put(groups)
    }

    /// Writes each frame of `pieces` (of the writer's schema) as [`Writer::write`] does, in
    /// order, encoding and compressing one frame on a thread of its own while the next one is
    /// made: the frames' making and their encoding each take a core. The file is byte for byte
    /// what writing them one after the other gives. An error in a piece stops the writing.
    ///
    /// Called from a thread of rayon's pool (the report writes its tables side by side), the
    /// frames are written one after the other on that thread instead: a pool thread waiting on
    /// the encoder, and an encoder waiting on the busy pool, made the report slower.
    pub fn write_all(&mut self, pieces: impl Iterator<Item = Result<DataFrame>>) -> Result<()> {
        use std::sync::mpsc::{channel, sync_channel};
        if rayon::current_thread_index().is_some() {
            for piece in pieces {
                self.put(self.encoder().encode(piece?, false)?)?;
            }
            return Ok(());
        }
        let encoder = self.encoder();
        std::thread::scope(|s| {
            // One frame waits while another is encoded; the encoded ones come back in order.
            let (to_encode, frames) = sync_channel::<DataFrame>(1);
            let (done, encoded) = channel::<Result<Vec<RowGroup>>>();
            s.spawn(move || {
                for df in frames {
                    if done.send(encoder.encode(df, true)).is_err() {
                        break;
                    }
                }
            });
            for piece in pieces {
                // On an error the sender is dropped with the scope's end: the encoder stops.
                to_encode.send(piece?).map_err(|_| gone())?;
                while let Ok(groups) = encoded.try_recv() {
                    self.put(groups?)?;
                }
            }
            drop(to_encode);
            for groups in encoded {
                self.put(groups?)?;
            }
            Ok(())
        })
    }

    /// What encodes frames into row groups for this writer, on any thread.
    fn encoder(&self) -> Encoder {
        Encoder {
            fields: self.parquet.fields().to_vec(),
            encodings: self.encodings.clone(),
            options: self.options,
        }
    }

    /// Writes encoded row groups.
    fn put(&mut self, groups: Vec<RowGroup>) -> Result<()> {
        for (rows, columns) in &groups {
            let columns = columns.iter().map(|pages| {
                let pages = pages.iter().map(Ok::<_, PolarsError>);
                Ok(DynStreamingIterator::new(
                    fallible_streaming_iterator::convert(pages),
                ))
            });
            self.file.write(*rows, DynIter::new(columns))?;
        }
        Ok(())
    }

    /// Writes the footer (with the Arrow schema, so readers get the types back).
    pub fn finish(mut self) -> Result<()> {
        self.file.end(None)?;
        Ok(())
    }
}

/// A row group encoded and compressed: its rows, and each Parquet column's pages.
type RowGroup = (u64, Vec<Vec<CompressedPage>>);

/// The encoder of a thread that stopped early (it only stops when the writing has).
fn gone() -> crate::error::Error {
    crate::error::Error::Invalid("the Parquet encoder stopped".into())
}

/// Encodes frames of one schema into compressed row groups, apart from the file they go to.
struct Encoder {
    fields: Vec<ParquetType>,
    encodings: Vec<Vec<Encoding>>,
    options: WriteOptions,
}

impl Encoder {
    /// `df`'s row groups: unsigned columns cast to signed ones, one group per chunk; the
    /// columns encoded side by side on rayon's pool when `parallel`.
    fn encode(&self, mut df: DataFrame, parallel: bool) -> Result<Vec<RowGroup>> {
        for i in 0..df.width() {
            let dt = df.columns()[i].dtype();
            if signed(dt) != *dt {
                let c = df.columns()[i].cast(&signed(dt))?;
                df.replace_column(i, c)?;
            }
        }
        df.align_chunks_par();
        let mut groups = Vec::new();
        for batch in df.iter_chunks(COMPAT, false) {
            let rows = batch.len() as u64;
            if rows == 0 {
                continue;
            }
            let arrays = batch.arrays().iter().zip(&self.fields).zip(&self.encodings);
            type Part<'a> = ((&'a ArrayRef, &'a ParquetType), &'a Vec<Encoding>);
            let encode = |((array, field), encoding): Part| self.column(array, field, encoding);
            // In parallel or not, the columns are kept in order.
            let columns: Vec<Vec<Vec<CompressedPage>>> = if parallel {
                let arrays: Vec<_> = arrays.collect();
                arrays.into_par_iter().map(&encode).collect::<Result<_>>()?
            } else {
                arrays.map(&encode).collect::<Result<_>>()?
            };
            let columns = columns.into_iter().flatten().collect();
            groups.push((rows, columns));
        }
        Ok(groups)
    }
}

impl Encoder {
    /// The compressed pages of each Parquet column of `array` (one but for nested types).
    fn column(
        &self,
        array: &ArrayRef,
        field: &ParquetType,
        encoding: &[Encoding],
    ) -> Result<Vec<Vec<CompressedPage>>> {
        let mut out = Vec::new();
        for pages in array_to_columns(array, field.clone(), self.options, encoding)? {
            let pages = pages
                .map(|page| {
                    compress(page?, vec![], self.options.compression).map_err(PolarsError::from)
                })
                .collect::<std::result::Result<Vec<_>, _>>()?;
            out.push(pages);
        }
        Ok(out)
    }
}

/// The type a column of type `dt` is written as: unsigned whole numbers as signed ones wide
/// enough to hold them (`u64` as `i64`: no count comes near 2^63).
fn signed(dt: &DataType) -> DataType {
    match dt {
        DataType::UInt8 => DataType::Int16,
        DataType::UInt16 => DataType::Int32,
        DataType::UInt32 | DataType::UInt64 => DataType::Int64,
        other => other.clone(),
    }
}

/// Writes `df` as one Parquet file into `w`.
pub fn write(w: impl Write, df: &DataFrame) -> Result<()> {
    let mut pw = Writer::new(w, df.schema())?;
    pw.write(df)?;
    pw.finish()
}
