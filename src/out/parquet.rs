//! Parquet that every Arrow reader opens: text columns as Arrow `large_string`, not the
//! `string_view` type polars writes by default, which readers built before it (older R arrow,
//! DuckDB and pyarrow releases) cannot read; whole numbers as signed integers (`int64`), since
//! Spark before 3.2 refuses unsigned Parquet columns and later releases read `uint64` as a
//! decimal. Zstd pages with statistics, as polars writes them.

use crate::error::Result;
use polars::prelude::{ArrowSchema, CompatLevel, DataFrame, DataType, Schema, SchemaExt};
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
        let mut df = df.clone();
        for i in 0..df.width() {
            let dt = df.columns()[i].dtype();
            if signed(dt) != *dt {
                let c = df.columns()[i].cast(&signed(dt))?;
                df.replace_column(i, c)?;
            }
        }
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
