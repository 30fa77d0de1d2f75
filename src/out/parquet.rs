//! Parquet that every Arrow reader opens: text columns as Arrow `large_string`, not the
//! `string_view` type polars writes by default, which readers built before it (older R arrow,
//! DuckDB and pyarrow releases) cannot read. Zstd pages with statistics, as polars writes them.

use crate::error::Result;
use polars::prelude::{ArrowSchema, CompatLevel, DataFrame, Schema, SchemaExt};
use polars_io::parquet::write::{get_encodings, ParquetCompression, StatisticsOptions};
use polars_parquet::write::{
    row_group_iter, to_parquet_schema, Encoding, FileWriter, SchemaDescriptor, Version,
    WriteOptions,
};
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
        let arrow: ArrowSchema = schema.to_arrow(COMPAT);
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
        let mut df = df.clone();
        df.align_chunks_par();
        for batch in df.iter_chunks(COMPAT, false) {
            let rows = batch.len() as u64;
            if rows == 0 {
                continue;
            }
            let columns = row_group_iter(
                batch,
                self.encodings.clone().into(),
                self.parquet.fields().to_vec(),
                self.options,
            );
            self.file.write(rows, columns)?;
        }
        Ok(())
    }

    /// Writes the footer (with the Arrow schema, so readers get the types back).
    pub fn finish(mut self) -> Result<()> {
        self.file.end(None)?;
        Ok(())
    }
}

/// Writes `df` as one Parquet file into `w`.
pub fn write(w: impl Write, df: &DataFrame) -> Result<()> {
    let mut pw = Writer::new(w, df.schema())?;
    pw.write(df)?;
    pw.finish()
}
